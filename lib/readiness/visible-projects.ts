import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { projectAccessWhere } from "@/lib/core/access/project-access";

export interface VisibleProject {
  id: string;
  slug: string;
  name: string;
}

/** The active projects whose readiness the actor may see (optionally one, by slug), by name. */
export async function visibleProjects(ctx: RequestCtx, now: Date, slug?: string): Promise<VisibleProject[]> {
  assertCan(ctx.actor, "readiness:read");
  const projects = await prisma.project.findMany({
    where: { AND: [projectAccessWhere(ctx.actor, now), { archivedAt: null }, slug ? { slug } : {}] },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
  if (slug && !projects.length) throw new NotFoundError(`There is no active project "${slug}" that you can see.`);
  return projects;
}
