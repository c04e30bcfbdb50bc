import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { clearAccountThrottle } from "@/lib/auth/throttle";
import { NotFoundError } from "@/lib/errors";

export interface UnlockUserOptions {
  ctx: RequestCtx;
  userId: string;
}

/**
 * Lifts the sign-in throttle's locks on a user's account (account-wide and from every address), so
 * that someone locked out by another's guessing can sign in again at once. Admins only.
 */
export async function unlockUser({ ctx, userId }: UnlockUserOptions) {
  assertCan(ctx.actor, "user:manage");
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError("That user does not exist.");
    const cleared = await clearAccountThrottle(user.email, tx);
    await recordActivity(tx, {
      ctx,
      action: "user.unlock",
      entityType: "User",
      entityId: user.id,
      summary: { windowsCleared: cleared },
    });
    return { id: user.id, unlocked: true, windowsCleared: cleared };
  });
}
