import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { listRunbooks } from "@/lib/runbooks/list-runbooks";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { orNotFound } from "@/lib/core/page-data";
import { EmptyState } from "@/components/ui/empty-state";
import { RunbooksTable } from "@/components/runbooks/runbooks-table";

export default async function ProjectRunbooksPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("runbook:read");
  const project = await orNotFound(resolveProject({ ctx, slug }));
  const rows = await listRunbooks({ ctx, slug: project.slug, now: await requestNow() });
  const actions = (
    <>
      {can(ctx.actor, "runbook:write", { projectId: project.id }) ? (
        <Link className="btn" href={`/projects/${project.slug}/runbooks/new`}>
          Write a runbook
        </Link>
      ) : null}
      {can(ctx.actor, "document:import", { projectId: project.id }) ? (
        <Link className="btn" href={`/projects/${project.slug}/import`}>
          Import a document
        </Link>
      ) : null}
    </>
  );
  if (!rows.length) {
    return (
      <EmptyState title="No runbooks yet" testId="runbooks-empty" actions={actions}>
        <p>
          Runbooks (restore drills, incident response, key rotation) will appear here with their steps, cadence, RTO and
          RPO targets, and when each was last exercised. They are picked up from imported documents (numbered steps
          under a restore, drill, incident, rotation, recovery or escalation heading) or written here.
        </p>
      </EmptyState>
    );
  }
  const overdue = rows.filter((r) => r.schedule.state === "overdue").length;
  return (
    <div className="stack">
      <div className="row">{actions}</div>
      {overdue ? (
        <p className="alert alert-error" role="status">
          {overdue === 1 ? "One runbook's exercise is overdue." : `${overdue} runbooks' exercises are overdue.`} They
          are listed first.
        </p>
      ) : null}
      <RunbooksTable project={project.slug} rows={rows} />
    </div>
  );
}
