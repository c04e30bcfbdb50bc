import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import type { Prisma } from "@/generated/prisma/client";
import { ZPageQuery, decodeCursor, toPage, type Page } from "@/lib/pagination";
import type { HashedFields } from "@/lib/activity/hash";

export const ZActivityQuery = z.strictObject({
  actor: z.string().trim().max(320).optional(),
  entityType: z.string().trim().max(80).optional(),
  entityId: z.string().trim().max(80).optional(),
  action: z.string().trim().max(80).optional(),
  projectId: z.string().trim().max(80).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  ...ZPageQuery,
});
export type TActivityQuery = z.infer<typeof ZActivityQuery>;

/** A line of the trail as lists show it: what its hash covers (but who exactly acted), its id and hash. */
export interface ActivityRow extends Omit<HashedFields, "actorId"> {
  id: string;
  hash: string;
}

export interface ListActivityOptions {
  ctx: RequestCtx;
  query: TActivityQuery;
}

/** Newest first, filtered by actor (email or token label, partial), entity, action (prefix), project and time. */
export async function listActivity({ ctx, query }: ListActivityOptions): Promise<Page<ActivityRow>> {
  assertCan(ctx.actor, "activity:read");
  const cursor = decodeCursor(query.cursor, z.string().regex(/^\d+$/));
  const where: Prisma.ActivityEventWhereInput = {
    ...(query.actor ? { actorLabel: { contains: query.actor, mode: "insensitive" } } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.projectId ? { projectId: query.projectId } : {}),
    ...(query.from || query.to ? { occurredAt: { gte: query.from, lte: query.to } } : {}),
    ...(cursor ? { id: { lt: BigInt(cursor) } } : {}),
  };
  const rows = await prisma.activityEvent.findMany({ where, orderBy: { id: "desc" }, take: query.limit + 1 });
  const page = toPage(rows, query.limit, (last) => last.id.toString());
  return { ...page, items: page.items.map((r) => ({ ...r, id: r.id.toString() })) };
}

/** The distinct entity types and actions seen, for filter menus. */
export async function activityFacets({ ctx }: { ctx: RequestCtx }) {
  assertCan(ctx.actor, "activity:read");
  const [entityTypes, actions] = await Promise.all([
    prisma.activityEvent.findMany({
      distinct: ["entityType"],
      select: { entityType: true },
      orderBy: { entityType: "asc" },
    }),
    prisma.activityEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  return { entityTypes: entityTypes.map((e) => e.entityType), actions: actions.map((a) => a.action) };
}
