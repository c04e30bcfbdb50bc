// The first real administrator (or another one), created from the command line: `npm run admin:create`.
// Refuses a weak password and an email already taken; records the change in the activity trail.
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { weakPasswordReason } from "@/lib/auth/password-strength";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, InvalidInputError } from "@/lib/errors";
import { ZUserCreate } from "@/lib/schemas/user";
import { validate } from "@/lib/api/validate";

export interface CreateAdminAccountOptions {
  /** The command line's system actor (only operators with database access run it). */
  ctx: RequestCtx;
  data: { email: string; name: string; password: string };
}

export async function createAdminAccount({ ctx, data }: CreateAdminAccountOptions) {
  const input = validate(ZUserCreate, { ...data, role: "ADMIN" }, "");
  const weak = weakPasswordReason(input.password, { email: input.email, name: input.name });
  if (weak) throw new InvalidInputError(`The password is too weak: ${weak}`, [{ path: "password", message: weak }]);
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new ConflictError(`There is already a user with the email ${input.email}.`);
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: "ADMIN", passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      summary: { after: { email: user.email, name: user.name, role: user.role }, via: "admin:create" },
    });
    return user;
  });
}
