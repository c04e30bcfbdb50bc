"use client";
import { formatDate } from "@/lib/format";
import { ErrorMessage } from "@/components/ui/error-message";
import { useTokenActions, useTokens } from "@/components/tokens/use-tokens";
import type { TokensDto } from "@/lib/dto/tokens";

/** The project's GitHub webhook: its URL, and a secret created (or replaced) here and shown once. */
export function GithubWebhookCard({
  slug,
  initial,
  canManage,
  origin,
}: {
  slug: string;
  initial: TokensDto;
  canManage: boolean;
  origin: string;
}) {
  const tokens = useTokens(slug, initial);
  const { githubSecret } = useTokenActions(slug);
  const github = tokens.data.github;
  return (
    <section className="card stack" aria-labelledby="github-title" data-testid="github-webhook">
      <h3 id="github-title">GitHub webhook</h3>
      <p className="small">
        In the repository&apos;s Settings → Webhooks, add <code>{`${origin}/api/v1/projects/${slug}/github`}</code> with
        content type JSON and the secret below, for the events Pull requests, Workflow runs, Check suites, Check runs,
        Deployment statuses, Dependabot alerts, Code scanning alerts and Secret scanning alerts. Pull requests are
        linked to the backlog items whose key they mention; finished runs and deployments become evidence; security
        alerts are tracked against the project&apos;s remediation deadlines.
      </p>
      <p className="small">
        {github.configured
          ? `A secret is set (since ${formatDate(github.since)}, last changed ${formatDate(github.rotatedAt)}).`
          : "No secret yet: deliveries are refused until one is set."}
      </p>
      <ErrorMessage error={githubSecret.error} />
      {githubSecret.data ? (
        <div className="alert alert-warn" role="status">
          <p>Paste this secret into the webhook in GitHub now: it is shown only once.</p>
          <pre className="summary-json" data-testid="github-secret">
            {githubSecret.data.secret}
          </pre>
        </div>
      ) : null}
      {canManage ? (
        <div>
          <button className="btn" type="button" disabled={githubSecret.isPending} onClick={() => githubSecret.mutate()}>
            {github.configured ? "Replace the secret" : "Create a secret"}
          </button>
        </div>
      ) : null}
    </section>
  );
}
