import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { projectAccessWhere } from "@/lib/core/access/project-access";
import { auditorProjectWhere, isAuditorActor } from "@/lib/core/access/auditor-scope";

/**
 * The projects whose readiness an actor may see: the general project filter, narrowed for auditors to
 * the projects of the audits they hold a live grant for at `now`.
 */
export function readinessProjectWhere(actor: Actor, now: Date): Prisma.ProjectWhereInput {
  const base = projectAccessWhere(actor);
  return isAuditorActor(actor) ? { AND: [base, auditorProjectWhere(actor.user.id, now)] } : base;
}
