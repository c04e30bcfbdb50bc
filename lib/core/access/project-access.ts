import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditorProjectWhere, isAuditorActor } from "@/lib/core/access/auditor-scope";

/**
 * The projects an actor may see, as a Prisma filter. Every project query goes through it.
 * Tokens see their own project only. Auditors see only the projects of audits they hold a live grant
 * for (not revoked, not expired at `now`); the grant is re-read on every query, so expiry and
 * revocation take effect on the next request. Evidence is further narrowed to each audit's window
 * by evidenceScopeWhere (lib/core/access/auditor-scope.ts).
 */
export function projectAccessWhere(actor: Actor, now: Date = new Date()): Prisma.ProjectWhereInput {
  if (actor.kind === "token") return { id: actor.token.projectId };
  if (isAuditorActor(actor)) return auditorProjectWhere(actor.user.id, now);
  return {};
}
