import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";

export interface GetProjectOptions {
  ctx: RequestCtx;
  slug: string;
}

export async function getProject({ ctx, slug }: GetProjectOptions) {
  assertCan(ctx.actor, "project:read");
  const { id } = await resolveProject({ ctx, slug });
  return prisma.project.findUniqueOrThrow({ where: { id } });
}
