import { prisma } from "@/lib/db";
import { actingUserId, assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { createOneTimeLink, LINK_PURPOSES } from "@/lib/auth/one-time-link";
import { assertEndsInFuture, grantAuditor } from "@/lib/audits/grant-auditor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { ZAuditorInvite, type TAuditorInvite } from "@/lib/schemas/identity";

export interface InviteAuditorOptions {
  ctx: RequestCtx;
  data: TAuditorInvite;
  now: Date;
  /** The app's origin, for the link (NEXTAUTH_URL). */
  origin: string;
}

/**
 * Invites an outside auditor by email to one audit: makes the Auditor account if there is none (without
 * a password), grants the audit until the given day, and returns a one-time link that lets them set
 * their password (72 hours, hashed at rest). There is no mail server: the link is for the inviter to
 * pass on, and is shown once. An auditor who already has a password gets the grant and no link.
 */
export async function inviteAuditor({ ctx, data, now, origin }: InviteAuditorOptions) {
  assertCan(ctx.actor, "audit:manage");
  const input = validate(ZAuditorInvite, data, "");
  assertEndsInFuture(input.expiresAt, now);
  if (!(await prisma.audit.findUnique({ where: { id: input.auditId }, select: { id: true } })))
    throw new NotFoundError("There is no such audit.");
  const inviterId = actingUserId(ctx.actor) ?? "system";
  const prepared = await prisma.$transaction(async (tx) => {
    let user = await tx.user.findUnique({
      where: { email: input.email },
      select: { id: true, role: true, active: true, passwordHash: true },
    });
    if (user && user.role !== "AUDITOR")
      throw new ConflictError(
        `${input.email} is a Proofline user who is not an auditor; auditors are invited with an address of their own.`,
      );
    if (user && !user.active)
      throw new ConflictError(`${input.email} is a deactivated auditor: an admin must reactivate the account first.`);
    if (!user) {
      user = await tx.user.create({
        data: { email: input.email, name: input.name, role: "AUDITOR", passwordHash: "", source: "invitation" },
        select: { id: true, role: true, active: true, passwordHash: true },
      });
      await recordActivity(tx, {
        ctx,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        summary: {
          after: { email: input.email, name: input.name, role: "AUDITOR" },
          via: "invitation",
          auditId: input.auditId,
        },
      });
    }
    if (user.passwordHash) return { userId: user.id, link: null };
    const link = await createOneTimeLink({
      tx,
      userId: user.id,
      purpose: LINK_PURPOSES.setPassword,
      createdById: inviterId,
      now,
    });
    await recordActivity(tx, {
      ctx,
      action: "user.invite",
      entityType: "User",
      entityId: user.id,
      summary: { email: input.email, auditId: input.auditId, linkExpiresAt: link.expiresAt.toISOString() },
    });
    return { userId: user.id, link };
  });
  const grant = await grantAuditor({
    ctx,
    auditId: input.auditId,
    data: { userId: prepared.userId, expiresAt: input.expiresAt },
    now,
  });
  return {
    userId: prepared.userId,
    grantId: grant.id,
    accessUntil: grant.expiresAt,
    link: prepared.link ? `${origin.replace(/\/$/, "")}/signin?invite=${prepared.link.token}` : null,
    linkExpiresAt: prepared.link?.expiresAt ?? null,
  };
}
