import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { backlogWhere, type BacklogFilterInput } from "@/lib/backlog/filters";

export interface ListBacklogItemsOptions {
  ctx: RequestCtx;
  /** One project, or every project the actor can see (the cross-project board). */
  slug?: string;
  filters: Omit<BacklogFilterInput, "projectId">;
  cursor?: string;
  limit: number;
}

const ZCursor = z.object({ r: z.number().int(), id: z.string() });

const SELECT = {
  id: true,
  key: true,
  title: true,
  kind: true,
  block: true,
  priority: true,
  status: true,
  sourceLine: true,
  removedFromSourceAt: true,
  updatedAt: true,
  priorityRank: true,
  project: { select: { slug: true, name: true } },
  owner: { select: { id: true, name: true } },
  controls: { select: { control: { select: { key: true } } } },
  _count: { select: { criteria: true, pullRequests: true } },
} as const;

export type BacklogRow = Awaited<ReturnType<typeof listBacklogItems>>["items"][number];

/** Items by priority (blockers first), then in the order they were written or added; keyset-paginated. */
export async function listBacklogItems({ ctx, slug, filters, cursor, limit }: ListBacklogItemsOptions) {
  const project = slug ? await resolveProject({ ctx, slug }) : null;
  assertCan(ctx.actor, "backlog:read", project ? { projectId: project.id } : undefined);
  const after = decodeCursor(cursor, ZCursor);
  const where = backlogWhere(ctx.actor, { ...filters, projectId: project?.id });
  const rows = await prisma.backlogItem.findMany({
    where: after
      ? { AND: [where, { OR: [{ priorityRank: { gt: after.r } }, { priorityRank: after.r, id: { gt: after.id } }] }] }
      : where,
    orderBy: [{ priorityRank: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: SELECT,
  });
  const done = rows.length
    ? await prisma.acceptanceCriterion.groupBy({
        by: ["itemId"],
        where: { itemId: { in: rows.map((r) => r.id) }, done: true },
        _count: { _all: true },
      })
    : [];
  const doneBy = new Map(done.map((d) => [d.itemId, d._count._all]));
  const page: Page<(typeof rows)[number]> = toPage(rows, limit, (last) => ({ r: last.priorityRank, id: last.id }));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ priorityRank: _rank, controls, _count, ...r }) => ({
      ...r,
      controls: controls.map((c) => c.control.key),
      criteria: { total: _count.criteria, done: doneBy.get(r.id) ?? 0 },
      pullRequests: _count.pullRequests,
    })),
  };
}
