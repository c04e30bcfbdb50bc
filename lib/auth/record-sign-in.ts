import { prisma } from "@/lib/db";
import { userCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";

/** Stamps the user's last sign-in and records it in the activity trail, in one transaction. */
export async function recordSignIn(userId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
    await recordActivity(tx, {
      ctx: userCtx(user),
      action: "user.sign_in",
      entityType: "User",
      entityId: user.id,
    });
  });
}
