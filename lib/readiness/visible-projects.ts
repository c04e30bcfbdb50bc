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
  const access = projectAccessWhere(ctx.actor, now);
  // Every dashboard request starts here. When the actor's access narrows nothing (leads, admins,
  // engineers), the read is one SQL statement, at about half the CPU of the query builder's.
  const projects = Object.keys(access).length
    ? await prisma.project.findMany({
        where: { AND: [access, { archivedAt: null }, slug ? { slug } : {}] },
        select: { id: true, slug: true, name: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      })
    : await prisma.$queryRaw<VisibleProject[]>`
        SELECT id, slug, name FROM "Project"
        WHERE "archivedAt" IS NULL AND (${slug ?? null}::text IS NULL OR slug = ${slug ?? null}::text)
        ORDER BY name, id`;
  if (slug && !projects.length) throw new NotFoundError(`There is no active project "${slug}" that you can see.`);
  return projects;
}
