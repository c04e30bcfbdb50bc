import { prisma, type Db } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { projectAccessWhere } from "@/lib/core/access/project-access";

export interface ProjectRef {
  id: string;
  slug: string;
  name: string;
  archivedAt: Date | null;
}

export interface ResolveProjectOptions {
  ctx: RequestCtx;
  slug: string;
  /** Checked for the project found (assertCan). Leave it out only where the caller checks it itself. */
  permission?: Permission;
  /**
   * The operation changes the project's data: an archived project is refused (409). A string names
   * what is refused ("adding evidence"), for the sentence.
   */
  write?: boolean | string;
  /** Read inside a transaction. */
  db?: Db;
  /** When an auditor's grants are judged (live at this moment); the request's time by default. */
  now?: Date;
}

/** The one sentence for a project that does not exist or that the actor may not see. */
export function noSuchProject(slug: string): NotFoundError {
  return new NotFoundError(`There is no project "${slug}" that you can see.`);
}

/**
 * The project a route, page or operation works in, found by slug for the actor, with its permission
 * checked there. Every project-scoped entry point resolves its project here, so that access is decided
 * in one place:
 *
 * - people see projects through projectAccessWhere: everyone but auditors sees every project; an
 *   auditor sees only the projects of audits they hold a live grant for at `now` (an expired or revoked
 *   grant, or a project outside it, is the same 404 as a project that does not exist);
 * - a token is told when the project is not its own (403 from assertCan) rather than getting a 404;
 * - `write` refuses an archived project (409).
 *
 * What an auditor then reads inside the project is narrowed further to the audit's window
 * (lib/core/access/auditor-scope.ts).
 */
export async function resolveProject({
  ctx,
  slug,
  permission,
  write,
  db = prisma,
  now,
}: ResolveProjectOptions): Promise<ProjectRef> {
  const where = ctx.actor.kind === "token" ? { slug } : { AND: [{ slug }, projectAccessWhere(ctx.actor, now)] };
  const project = await db.project.findFirst({ where, select: { id: true, slug: true, name: true, archivedAt: true } });
  if (!project) throw noSuchProject(slug);
  if (permission) assertCan(ctx.actor, permission, { projectId: project.id });
  else if (ctx.actor.kind === "token" && ctx.actor.token.projectId !== project.id) throw noSuchProject(slug);
  if (write && project.archivedAt) {
    const what = typeof write === "string" ? write : "changing it";
    throw new ConflictError(`The project "${slug}" is archived; restore it before ${what}.`);
  }
  return project;
}
