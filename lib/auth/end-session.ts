import { prisma } from "@/lib/db";
import { recordActivity } from "@/lib/activity/record-activity";

export interface EndSessionOptions {
  userId: string;
  /** The session version the signing-out cookie carries. */
  sessionVersion: number;
}

/**
 * Signing out ends the session on the server, not only in the browser: the user's session version
 * is bumped, so the cookie just cleared (and any copy of it) no longer works on any request, since
 * every request re-reads the user and compares versions (lib/auth/session.ts). Other sessions of the
 * same user end too. A cookie already older than the current version changes nothing.
 */
export async function endSession({ userId, sessionVersion }: EndSessionOptions): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const bumped = await tx.user.updateMany({
      where: { id: userId, sessionVersion },
      data: { sessionVersion: { increment: 1 } },
    });
    if (!bumped.count) return false;
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordActivity(tx, {
      ctx: { actor: { kind: "user", user } },
      action: "user.sign_out",
      entityType: "User",
      entityId: user.id,
    });
    return true;
  });
}
