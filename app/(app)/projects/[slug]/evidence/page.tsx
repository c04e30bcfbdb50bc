import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { getProject } from "@/lib/projects/get-project";
import { listControlOptions } from "@/lib/controls/list-control-options";
import { EvidenceTable } from "@/components/evidence/evidence-table";
import { EvidenceEmptyHelp } from "@/components/evidence/evidence-empty-help";

export default async function ProjectEvidencePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("evidence:read");
  const [project, controls, now] = await Promise.all([
    getProject({ ctx, slug }),
    listControlOptions({ ctx }),
    requestNow(),
  ]);
  const canWrite = can(ctx.actor, "evidence:write") && !project.archivedAt;
  const canManageTokens = can(ctx.actor, "token:manage");
  return (
    <div className="stack">
      <div className="row">
        <h2>Evidence</h2>
        <span className="spacer" />
        <Link href={`/projects/${slug}/evidence/rules`}>Filing rules</Link>
        <Link href={`/projects/${slug}/security-alerts`}>Security alerts</Link>
        {can(ctx.actor, "token:read") ? (
          <Link href={`/projects/${slug}/settings/tokens`}>Tokens and GitHub</Link>
        ) : null}
        {canWrite ? (
          <Link className="btn btn-primary" href={`/projects/${slug}/evidence/new`}>
            Add evidence
          </Link>
        ) : null}
      </div>
      <EvidenceTable
        slug={slug}
        controls={controls}
        now={now.toISOString()}
        emptyHelp={<EvidenceEmptyHelp slug={slug} canManageTokens={canManageTokens} canWrite={canWrite} />}
      />
    </div>
  );
}
