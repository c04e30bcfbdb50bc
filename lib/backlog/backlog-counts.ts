import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { backlogWhere, type BacklogFilterInput } from "@/lib/backlog/filters";
import { PRIORITIES } from "@/lib/backlog/priority";

export interface BacklogCountsOptions {
  ctx: RequestCtx;
  slug?: string;
  filters: Omit<BacklogFilterInput, "projectId" | "block" | "priority">;
}

export interface BacklogCounts {
  priorities: Array<(typeof PRIORITIES)[number] | "NONE">;
  rows: Array<{ block: string | null; counts: Record<string, number>; total: number }>;
  totals: Record<string, number>;
  total: number;
}

/**
 * Items by block × priority, like a gap list's summary table. Open work by default (status "not
 * done"); pass a status to count that instead. Blocks are ordered by how much open work they hold.
 */
export async function backlogCounts({ ctx, slug, filters }: BacklogCountsOptions): Promise<BacklogCounts> {
  const project = slug ? await resolveProject({ ctx, slug }) : null;
  assertCan(ctx.actor, "backlog:read", project ? { projectId: project.id } : undefined);
  const [groups, blocks] = await Promise.all([
    prisma.backlogItem.groupBy({
      by: ["block", "priority"],
      where: backlogWhere(ctx.actor, { status: "NOT_DONE", ...filters, projectId: project?.id }),
      _count: { _all: true },
    }),
    // every block, so that a block whose work is all done still shows its zeros
    prisma.backlogItem.groupBy({
      by: ["block"],
      where: backlogWhere(ctx.actor, { ...filters, status: undefined, projectId: project?.id }),
    }),
  ]);
  const priorities = [...PRIORITIES, "NONE"] as BacklogCounts["priorities"];
  const byBlock = new Map<string | null, Record<string, number>>(
    blocks.map((b) => [b.block, Object.fromEntries(priorities.map((p) => [p, 0]))]),
  );
  const totals: Record<string, number> = Object.fromEntries(priorities.map((p) => [p, 0]));
  for (const g of groups) {
    const row = byBlock.get(g.block) ?? Object.fromEntries(priorities.map((p) => [p, 0]));
    byBlock.set(g.block, row);
    row[g.priority ?? "NONE"] += g._count._all;
    totals[g.priority ?? "NONE"] += g._count._all;
  }
  const rows = [...byBlock].map(([block, counts]) => ({
    block,
    counts,
    total: Object.values(counts).reduce((a, n) => a + n, 0),
  }));
  rows.sort((a, b) => b.total - a.total || (a.block ?? "\uffff").localeCompare(b.block ?? "\uffff"));
  return { priorities, rows, totals, total: rows.reduce((a, r) => a + r.total, 0) };
}
