import { prisma } from "@/lib/db";
import { userCtx } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { weakPasswordReason } from "@/lib/auth/password-strength";
import { hashLinkToken, LINK_PURPOSES } from "@/lib/auth/one-time-link";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { ZSetPassword, type TSetPassword } from "@/lib/schemas/identity";

export interface SetPasswordWithLinkOptions {
  data: TSetPassword;
  now: Date;
  requestId?: string;
}

const USED = "This link has been used or has expired. Ask the person who invited you for a new one.";

/**
 * Spends a one-time set-password link: sets the password of its user and ends any session they had.
 * The link is marked used in the same transaction that checks it, so two submissions cannot both win.
 * A wrong, used or expired token changes nothing.
 */
export async function setPasswordWithLink({ data, now, requestId }: SetPasswordWithLinkOptions) {
  const input = validate(ZSetPassword, data, "");
  const tokenHash = hashLinkToken(input.token);
  const link = await prisma.oneTimeLink.findUnique({
    where: { tokenHash },
    select: { id: true, purpose: true, usedAt: true, expiresAt: true, user: { select: { email: true, name: true } } },
  });
  if (!link || link.purpose !== LINK_PURPOSES.setPassword || link.usedAt || link.expiresAt <= now)
    throw new InvalidInputError(USED, [{ path: "token", message: USED }]);
  const weak = weakPasswordReason(input.password, { email: link.user.email, name: link.user.name });
  if (weak) throw new InvalidInputError(`The password is too weak: ${weak}`, [{ path: "password", message: weak }]);
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const spent = await tx.oneTimeLink.updateMany({
      where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count !== 1) throw new InvalidInputError(USED, [{ path: "token", message: USED }]);
    const user = await tx.oneTimeLink
      .findUniqueOrThrow({ where: { id: link.id } })
      .user({ select: { id: true, email: true, name: true, role: true, active: true } });
    if (!user || !user.active) throw new InvalidInputError(USED, [{ path: "token", message: USED }]);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordActivity(tx, {
      ctx: userCtx(user, requestId),
      action: "user.password_set",
      entityType: "User",
      entityId: user.id,
      summary: { via: "one-time link", sessionsRevoked: true },
    });
    return { email: user.email };
  });
}
