import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";

export interface ListControlOptionsOptions {
  ctx: RequestCtx;
}

/** Keys and titles of the live controls, for pickers (framework pages, evidence filters, the map-by-hand form). */
export async function listControlOptions({ ctx }: ListControlOptionsOptions) {
  assertCan(ctx.actor, "control:read");
  return prisma.control.findMany({
    where: { archivedAt: null },
    select: { key: true, title: true },
    orderBy: { key: "asc" },
  });
}
