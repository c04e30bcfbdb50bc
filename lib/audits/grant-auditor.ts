import { prisma } from "@/lib/db";
import { actingUserId, assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { liveGrantWhere } from "@/lib/core/access/auditor-scope";
import { ZGrantCreate, type TGrantCreate } from "@/lib/schemas/audit";

export interface GrantAuditorOptions {
  ctx: RequestCtx;
  auditId: string;
  data: TGrantCreate;
  now: Date;
}

/**
 * Gives an auditor read access to one audit until a date. A second grant to the same auditor while
 * the first is live changes its expiry (one live grant per auditor and audit).
 */
export async function grantAuditor({ ctx, auditId, data, now }: GrantAuditorOptions) {
  assertCan(ctx.actor, "audit:manage");
  const input = validate(ZGrantCreate, data, "");
  assertEndsInFuture(input.expiresAt, now);
  const user = await prisma.user.findUnique({
    where: { id: input.userId },
    select: { id: true, email: true, role: true, active: true },
  });
  if (!user || !user.active || user.role !== "AUDITOR") {
    throw new InvalidInputError("userId: access can only be granted to an active user with the Auditor role", [
      { path: "userId", message: "Choose an active user with the Auditor role" },
    ]);
  }
  return prisma.$transaction(async (tx) => {
    const audit = await tx.audit.findUnique({ where: { id: auditId }, select: { id: true } });
    if (!audit) throw new NotFoundError("There is no such audit.");
    const grantedById = actingUserId(ctx.actor) ?? "system";
    const live = await tx.auditorGrant.findFirst({
      where: { auditId, ...liveGrantWhere(user.id, now) },
      select: { id: true, expiresAt: true },
    });
    const grant = live
      ? await tx.auditorGrant.update({ where: { id: live.id }, data: { expiresAt: input.expiresAt } })
      : await tx.auditorGrant.create({ data: { auditId, userId: user.id, expiresAt: input.expiresAt, grantedById } });
    await recordActivity(tx, {
      ctx,
      action: live ? "audit.grant_extend" : "audit.grant",
      entityType: "AuditorGrant",
      entityId: grant.id,
      summary: {
        auditId,
        auditor: user.email,
        ...(live ? { before: { expiresAt: live.expiresAt.toISOString() } } : {}),
        after: { expiresAt: grant.expiresAt.toISOString() },
      },
    });
    return grant;
  });
}

/** A grant's end must be after now (422 on expiresAt). */
export function assertEndsInFuture(expiresAt: Date, now: Date): void {
  if (expiresAt <= now)
    throw new InvalidInputError("expiresAt: access must end in the future", [
      { path: "expiresAt", message: "Access must end in the future" },
    ]);
}
