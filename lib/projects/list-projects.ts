import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { projectAccessWhere } from "@/lib/core/access/project-access";

export interface ListProjectsOptions {
  ctx: RequestCtx;
  includeArchived?: boolean;
}

export async function listProjects({ ctx, includeArchived = false }: ListProjectsOptions) {
  assertCan(ctx.actor, "project:read");
  return prisma.project.findMany({
    where: { AND: [projectAccessWhere(ctx.actor), includeArchived ? {} : { archivedAt: null }] },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: { id: true, slug: true, name: true, description: true, archivedAt: true, createdAt: true, updatedAt: true },
  });
}
