import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";

/** The ids of the live, assessable requirements of every framework, in catalogue order (for pickers). */
export async function requirementOptions({ ctx }: { ctx: RequestCtx }): Promise<Record<string, string[]>> {
  assertCan(ctx.actor, "framework:read");
  const rows = await prisma.requirement.findMany({
    where: { retiredAt: null, assessable: true },
    select: { refId: true, framework: { select: { key: true } } },
    orderBy: [{ frameworkId: "asc" }, { position: "asc" }],
  });
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.framework.key] ??= []).push(r.refId);
  return out;
}
