import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";

/** Active controls as choices for the evidence filters and the map-by-hand form. */
export async function listControlOptions({ ctx }: { ctx: RequestCtx }) {
  assertCan(ctx.actor, "control:read");
  return prisma.control.findMany({
    where: { archivedAt: null },
    select: { key: true, title: true },
    orderBy: { key: "asc" },
  });
}
