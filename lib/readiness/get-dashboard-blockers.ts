import { Prisma } from "@/generated/prisma/client";
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
  /**
   * One row per block (the section of the source document; "" = no block), columns by priority. A
   * cell links to the list of its items; an empty cell has nothing to list (href null).
   */
  rows: Array<{ block: string; cells: Record<PriorityColumn, { count: number; href: string | null }>; total: number }>;
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
  // One aggregate in SQL, a row per (project, block) with a count per priority column: Prisma's groupBy
  // (a row per priority too) cost about three times the CPU for the same counts on 20 projects.
  const perColumn = Prisma.join(
    PRIORITY_COLUMNS.map((c) =>
      c === "NONE"
        ? Prisma.sql`count(*) FILTER (WHERE b.priority IS NULL)::int AS "NONE"`
        : Prisma.sql`count(*) FILTER (WHERE b.priority = ${c}::"Priority")::int AS ${Prisma.raw(`"${c}"`)}`,
    ),
  );
  const groups = ids.length
    ? await prisma.$queryRaw<Array<{ projectId: string; block: string } & Record<PriorityColumn, number>>>`
        SELECT b."projectId", coalesce(b.block, '') AS block, ${perColumn}
        FROM "BacklogItem" b
        WHERE ${openBacklogSql(ids, await auditorViews(ctx.actor, ids, now, now))}
        GROUP BY 1, 2`
    : [];
  const byProject = new Map<string, typeof groups>();
  for (const g of groups) (byProject.get(g.projectId) ?? byProject.set(g.projectId, []).get(g.projectId)!).push(g);
  const out: BlockerMatrix[] = [];
  for (const p of projects) {
    const blocks = byProject.get(p.id);
    if (!blocks) continue;
    const rows = blocks.map(({ block, ...counts }) => {
      const cells = Object.fromEntries(
        PRIORITY_COLUMNS.map((priority) => {
          const count = counts[priority];
          const href = count ? links.backlog(p.slug, { status: "NOT_DONE", priority, block: block || NO_BLOCK }) : null;
          return [priority, { count, href }];
        }),
      ) as BlockerMatrix["rows"][number]["cells"];
      return { block, cells, total: PRIORITY_COLUMNS.reduce((s, c) => s + counts[c], 0) };
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
