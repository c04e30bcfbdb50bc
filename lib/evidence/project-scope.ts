import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { projectAccessWhere } from "@/lib/projects/project-access";

/**
 * The project an evidence operation acts on, with the permission checked for that project. A token
 * from another project is told so (403) rather than getting a 404; people see projects through the
 * usual access filter.
 */
export async function projectFor(ctx: RequestCtx, slug: string, permission: Permission, opts: { write?: boolean } = {}) {
  const where = ctx.actor.kind === "token" ? { slug } : { AND: [{ slug }, projectAccessWhere(ctx.actor)] };
  const project = await prisma.project.findFirst({ where, select: { id: true, slug: true, name: true, archivedAt: true } });
  if (!project) throw new NotFoundError(`There is no project "${slug}" that you can see.`);
  assertCan(ctx.actor, permission, { projectId: project.id });
  if (opts.write && project.archivedAt) throw new ConflictError(`The project "${slug}" is archived; restore it before adding evidence.`);
  return project;
}
