import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { lockedAccounts } from "@/lib/auth/throttle";

export interface ListUsersOptions {
  ctx: RequestCtx;
}

export async function listUsers({ ctx }: ListUsersOptions) {
  assertCan(ctx.actor, "user:read");
  const users = await prisma.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, lastSignInAt: true, createdAt: true },
  });
  // Accounts the sign-in throttle has locked account-wide (an admin can unlock them).
  const locked = await lockedAccounts(users.map((u) => u.email));
  return users.map((u) => ({ ...u, signInLocked: locked.has(u.email) }));
}

/** People who can be named owner of something (active, not auditors). Any signed-in user may list them. */
export async function listAssignableUsers() {
  return prisma.user.findMany({
    where: { active: true, role: { not: "AUDITOR" } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}
