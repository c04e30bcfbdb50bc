import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { changes, recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { ZUserUpdate, type TUserUpdate } from "@/lib/schemas/user";
import { validate } from "@/lib/api/validate";

export interface UpdateUserOptions {
  ctx: RequestCtx;
  userId: string;
  data: TUserUpdate;
}

// Serialises changes that could remove the last admin (two admins demoting each other at once).
const ADMIN_LOCK = 7_270_002;

/**
 * Changes a user's name, role, password or active flag. Deactivating (or setting a new password)
 * bumps the session version, so existing sessions stop working on their next request. The last
 * active admin can be neither demoted nor deactivated.
 */
export async function updateUser({ ctx, userId, data }: UpdateUserOptions) {
  assertCan(ctx.actor, "user:manage");
  const input = validate(ZUserUpdate, data, "");
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`;
    const before = await tx.user.findUnique({ where: { id: userId } });
    if (!before) throw new NotFoundError("That user does not exist.");
    const losesAdmin =
      before.role === "ADMIN" && before.active && ((input.role && input.role !== "ADMIN") || input.active === false);
    if (losesAdmin) {
      const otherAdmins = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: before.id } } });
      if (otherAdmins === 0) {
        throw new ConflictError(
          `${before.name} is the last active admin. Make someone else an admin first, so that somebody can still manage users.`,
        );
      }
    }
    const revokeSessions = input.active === false || passwordHash !== undefined;
    const after = await tx.user.update({
      where: { id: before.id },
      data: {
        name: input.name,
        role: input.role,
        active: input.active,
        passwordHash,
        sessionVersion: revokeSessions ? { increment: 1 } : undefined,
      },
      select: { id: true, email: true, name: true, role: true, active: true, lastSignInAt: true, createdAt: true },
    });
    const diff = changes(
      { name: before.name, role: before.role, active: before.active },
      { name: input.name, role: input.role, active: input.active },
    );
    const action =
      input.active === false && before.active
        ? "user.deactivate"
        : input.active === true && !before.active
          ? "user.reactivate"
          : "user.update";
    if (Object.keys(diff.after).length || passwordHash) {
      await recordActivity(tx, {
        ctx,
        action,
        entityType: "User",
        entityId: after.id,
        summary: {
          ...diff,
          ...(passwordHash ? { passwordChanged: true } : {}),
          ...(revokeSessions ? { sessionsRevoked: true } : {}),
        },
      });
    }
    return after;
  });
}
