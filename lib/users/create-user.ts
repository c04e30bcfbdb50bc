import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError } from "@/lib/errors";
import { ZUserCreate, type TUserCreate } from "@/lib/schemas/user";
import { validate } from "@/lib/api/validate";

export interface CreateUserOptions {
  ctx: RequestCtx;
  data: TUserCreate;
}

export async function createUser({ ctx, data }: CreateUserOptions) {
  assertCan(ctx.actor, "user:manage");
  const input = validate(ZUserCreate, data, "");
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new ConflictError(`There is already a user with the email ${input.email}.`);
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: { id: true, email: true, name: true, role: true, active: true, lastSignInAt: true, createdAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      summary: { after: { email: user.email, name: user.name, role: user.role } },
    });
    return user;
  });
}
