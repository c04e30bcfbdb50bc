import { prisma } from "@/lib/db";
import { can, type RequestCtx } from "@/lib/auth/actor";

export interface TrailIntegrity {
  ok: boolean;
  checkedAt: Date;
  eventId: string | null;
  reason: string | null;
}

/**
 * The newest result of the worker's trail check, for people who read the trail (admins, leads); null
 * for everyone else and before the first check ran.
 */
export async function getTrailIntegrity({ ctx }: { ctx: RequestCtx }): Promise<TrailIntegrity | null> {
  if (!can(ctx.actor, "activity:read")) return null;
  const last = await prisma.activityTrailCheck.findFirst({
    orderBy: { id: "desc" },
    select: { ok: true, checkedAt: true, eventId: true, reason: true },
  });
  return last ? { ...last, eventId: last.eventId?.toString() ?? null } : null;
}
