import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";

export interface ListPeopleOptions {
  ctx: RequestCtx;
}

/** Active people, by name: who can own an item or a runbook. Names only, for pickers and filters. */
export async function listPeople({ ctx }: ListPeopleOptions) {
  assertCan(ctx.actor, "backlog:read");
  return prisma.user.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
