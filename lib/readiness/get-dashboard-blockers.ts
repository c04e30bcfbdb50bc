import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { links } from "@/lib/readiness/links";
import { NO_BLOCK } from "@/lib/backlog/priority";
import { PRIORITY_COLUMNS, type PriorityColumn } from "@/lib/readiness/priorities";
import { visibleProjects } from "@/lib/readiness/visible-projects";
import { auditorViews, openBacklogSql } from "@/lib/core/access/auditor-scope";

export interface BlockerMatrix {
  project: { slug: string; name: string };
  total: number;
  totalHref: string;
  /** One row per block (the section of the source document; "" = no block), columns by priority. */
  rows: Array<{ block: string; cells: Record<PriorityColumn, { count: number; href: string }>; total: number }>;
}

export interface GetDashboardBlockersOptions {
  ctx: RequestCtx;
  now: Date;
  project?: string;
}

/** Open backlog items (not done) per project, counted by block x priority; every count links to its list. */
export async function getDashboardBlockers({
  ctx,
  now,
  project,
}: GetDashboardBlockersOptions): Promise<{ projects: BlockerMatrix[] }> {
  assertCan(ctx.actor, "backlog:read");
  const projects = await visibleProjects(ctx, now, project);
  const ids = projects.map((p) => p.id);
  // One aggregate in SQL: Prisma's groupBy cost about twice the CPU for the same rows (20 projects).
  const groups = ids.length
    ? await prisma.$queryRaw<Array<{ projectId: string; block: string | null; priority: string | null; n: number }>>`
        SELECT b."projectId", b.block, b.priority::text AS priority, count(*)::int AS n
        FROM "BacklogItem" b
        WHERE ${openBacklogSql(ids, await auditorViews(ctx.actor, ids, now, now))}
        GROUP BY 1, 2, 3`
    : [];
  // Counts by project, then block, then priority column: one pass over the groups.
  const counts = new Map<string, Map<string, Map<string, number>>>();
  for (const g of groups) {
    const byBlock = counts.get(g.projectId) ?? counts.set(g.projectId, new Map()).get(g.projectId)!;
    const block = g.block ?? "";
    const byPriority = byBlock.get(block) ?? byBlock.set(block, new Map()).get(block)!;
    byPriority.set(g.priority ?? "NONE", g.n);
  }
  const out: BlockerMatrix[] = [];
  for (const p of projects) {
    const byBlock = counts.get(p.id);
    if (!byBlock) continue;
    const blocks = [...byBlock.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
    const rows = blocks.map((block) => {
      const byPriority = byBlock.get(block)!;
      const cells = Object.fromEntries(
        PRIORITY_COLUMNS.map((priority) => [
          priority,
          {
            count: byPriority.get(priority) ?? 0,
            href: links.backlog(p.slug, { status: "NOT_DONE", priority, block: block || NO_BLOCK }),
          },
        ]),
      ) as BlockerMatrix["rows"][number]["cells"];
      return { block, cells, total: PRIORITY_COLUMNS.reduce((s, c) => s + cells[c].count, 0) };
    });
    // Blocks with blockers first, then by how much is open.
    rows.sort(
      (a, b) => b.cells.BLOCKER.count - a.cells.BLOCKER.count || b.total - a.total || a.block.localeCompare(b.block),
    );
    out.push({
      project: { slug: p.slug, name: p.name },
      total: rows.reduce((s, r) => s + r.total, 0),
      totalHref: links.backlog(p.slug, { status: "NOT_DONE" }),
      rows,
    });
  }
  return { projects: out };
}
