import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, NotFoundError } from "@/lib/errors";

export interface RevokeGrantOptions {
  ctx: RequestCtx;
  auditId: string;
  grantId: string;
  now: Date;
}

/** Ends an auditor's access now. The grant is kept (with its revocation time) for the record. */
export async function revokeGrant({ ctx, auditId, grantId, now }: RevokeGrantOptions) {
  assertCan(ctx.actor, "audit:manage");
  return prisma.$transaction(async (tx) => {
    const grant = await tx.auditorGrant.findFirst({
      where: { id: grantId, auditId },
      select: { id: true, revokedAt: true, user: { select: { email: true } } },
    });
    if (!grant) throw new NotFoundError("There is no such grant on this audit.");
    if (grant.revokedAt)
      throw new ConflictError(`This grant was already revoked on ${grant.revokedAt.toISOString().slice(0, 10)}.`);
    const revoked = await tx.auditorGrant.update({ where: { id: grantId }, data: { revokedAt: now } });
    await recordActivity(tx, {
      ctx,
      action: "audit.grant_revoke",
      entityType: "AuditorGrant",
      entityId: grantId,
      summary: { auditId, auditor: grant.user.email, after: { revokedAt: now.toISOString() } },
    });
    return revoked;
  });
}
