import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { projectAccessWhere } from "@/lib/projects/project-access";

export interface GetProjectOptions {
  ctx: RequestCtx;
  slug: string;
}

export async function getProject({ ctx, slug }: GetProjectOptions) {
  assertCan(ctx.actor, "project:read");
  const project = await prisma.project.findFirst({ where: { AND: [{ slug }, projectAccessWhere(ctx.actor)] } });
  if (!project) throw new NotFoundError(`There is no project "${slug}" that you can see.`);
  return project;
}
