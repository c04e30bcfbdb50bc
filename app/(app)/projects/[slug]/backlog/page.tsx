import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { prisma } from "@/lib/db";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { orNotFound } from "@/lib/core/page-data";
import { EmptyState } from "@/components/ui/empty-state";
import { BacklogView } from "@/components/backlog/backlog-view";
import { filtersFrom } from "@/components/backlog/filter-url";

type Search = Record<string, string | string[] | undefined>;

export default async function ProjectBacklogPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Search>;
}) {
  const { slug } = await params;
  const search = await searchParams;
  const ctx = await requirePermission("backlog:read");
  const project = await orNotFound(resolveProject({ ctx, slug }));
  const base = `/projects/${project.slug}/backlog`;
  const canImport = can(ctx.actor, "document:import", { projectId: project.id });
  const canWrite = can(ctx.actor, "backlog:write", { projectId: project.id });
  const actions = (
    <>
      {canImport ? (
        <Link className="btn btn-primary" href={`/projects/${project.slug}/import`}>
          Import a document
        </Link>
      ) : null}
      {canWrite ? (
        <Link className="btn" href={`${base}/new`}>
          Add an item
        </Link>
      ) : null}
    </>
  );
  const total = await prisma.backlogItem.count({ where: { projectId: project.id } });
  if (total === 0) {
    return (
      <EmptyState title="The backlog is empty" testId="backlog-empty" actions={actions}>
        <p>
          Production-readiness items will appear here once you import the documents your team already keeps (a backlog,
          a gap list, a hardening checklist or a readiness plan), or add items by hand.
        </p>
      </EmptyState>
    );
  }
  const view = search.view === "board" ? "board" : "table";
  return (
    <div className="stack">
      <div className="row">{actions}</div>
      <BacklogView project={project.slug} base={base} filters={filtersFrom(search)} view={view} />
    </div>
  );
}
