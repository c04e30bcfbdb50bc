import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { computeReadiness, type ProjectReadiness } from "@/lib/readiness/compute-readiness";
import { readinessProjectWhere } from "@/lib/readiness/project-scope";

export interface VisibleProject {
  id: string;
  slug: string;
  name: string;
}

/** The active projects whose readiness the actor may see (optionally one, by slug), by name. */
export async function visibleProjects(ctx: RequestCtx, now: Date, slug?: string): Promise<VisibleProject[]> {
  assertCan(ctx.actor, "readiness:read");
  const projects = await prisma.project.findMany({
    where: { AND: [readinessProjectWhere(ctx.actor, now), { archivedAt: null }, slug ? { slug } : {}] },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
  if (slug && !projects.length) throw new NotFoundError(`There is no active project "${slug}" that you can see.`);
  return projects;
}

/** Readiness now for each project, a few at a time (each computation is a handful of queries). */
export async function readinessOfProjects(ctx: RequestCtx, projects: VisibleProject[], now: Date): Promise<ProjectReadiness[]> {
  const out: ProjectReadiness[] = [];
  for (let i = 0; i < projects.length; i += 4) {
    out.push(...(await Promise.all(projects.slice(i, i + 4).map((p) => computeReadiness({ ctx, projectId: p.id, at: now, now })))));
  }
  return out;
}
