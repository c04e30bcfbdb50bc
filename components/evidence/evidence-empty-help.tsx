import Link from "next/link";

/** What the empty evidence table says: what will appear, and the three ways to get it there. */
export function EvidenceEmptyHelp({
  slug,
  canManageTokens,
  canWrite,
}: {
  slug: string;
  canManageTokens: boolean;
  canWrite: boolean;
}) {
  return (
    <div className="stack">
      <p>
        Test reports, security scans, dependency audits, SBOMs, CI runs, pull requests, audit logs, backups and restore
        drills appear here as CI pushes them with a project token, as GitHub sends webhooks, or as they are added by
        hand. Each is filed under controls by the project&apos;s rules.
      </p>
      <p>From a CI job, with a project token in PROOFLINE_TOKEN and this server&apos;s address in PROOFLINE_URL:</p>
      <pre className="summary-json">{`curl -fsSLO "$PROOFLINE_URL/cli/proofline.mjs"\nnode proofline.mjs push junit.xml --project ${slug}`}</pre>
      <p className="row">
        {canManageTokens ? (
          <Link href={`/projects/${slug}/settings/tokens`}>Create a project token</Link>
        ) : (
          <span className="muted">A compliance lead or admin can create a project token.</span>
        )}
        {canWrite ? <Link href={`/projects/${slug}/evidence/new`}>Upload a file or record a link</Link> : null}
        <Link href={`/projects/${slug}/evidence/rules`}>Filing rules</Link>
      </p>
    </div>
  );
}
