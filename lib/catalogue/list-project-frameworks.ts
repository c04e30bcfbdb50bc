import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";

/** Keys of the frameworks a project is assessed against. */
export async function listProjectFrameworks({
  ctx,
  projectId,
}: {
  ctx: RequestCtx;
  projectId: string;
}): Promise<string[]> {
  assertCan(ctx.actor, "framework:read", { projectId });
  const rows = await prisma.projectFramework.findMany({
    where: { projectId },
    select: { framework: { select: { key: true } } },
  });
  return rows.map((r) => r.framework.key);
}
