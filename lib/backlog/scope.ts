// Resolving the project a backlog, document or runbook operation works in, for the actor.
import type { Db } from "@/lib/db";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { projectAccessWhere } from "@/lib/projects/project-access";

export interface ProjectRef {
  id: string;
  slug: string;
  name: string;
  archivedAt: Date | null;
}

export async function projectBySlug(actor: Actor, slug: string, db: Db = prisma): Promise<ProjectRef> {
  const project = await db.project.findFirst({ where: { AND: [{ slug }, projectAccessWhere(actor)] }, select: { id: true, slug: true, name: true, archivedAt: true } });
  if (!project) throw new NotFoundError(`There is no project "${slug}" that you can see.`);
  return project;
}
