import type { Role } from "@/generated/prisma/enums";
import { ForbiddenError } from "@/lib/errors";
import { ROLE_LABELS, roleCan, type Permission } from "@/lib/auth/permissions";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface TokenPrincipal {
  id: string;
  name: string;
  projectId: string;
  scopes: readonly string[];
}

/** Who is acting: a signed-in person, a project token, or the system itself (seed, jobs). */
export type Actor =
  { kind: "user"; user: SessionUser } | { kind: "token"; token: TokenPrincipal } | { kind: "system"; label: string };

/** What every business operation receives: the actor and the request it serves. */
export interface RequestCtx {
  actor: Actor;
  requestId?: string;
}

export const systemCtx = (label = "system"): RequestCtx => ({ actor: { kind: "system", label } });

/** The signed-in person behind an action, for "done by" columns; null for tokens and the system. */
export const actingUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.user.id : null);

/** A person acting for themselves before they hold a session (signing in, setting their password by link). */
export const userCtx = (user: SessionUser, requestId?: string): RequestCtx => ({
  actor: { kind: "user", user: { id: user.id, email: user.email, name: user.name, role: user.role } },
  requestId,
});

/**
 * Deny by default. A user holds what their role's row in the permission table says (roles apply to
 * the whole deployment; an auditor's reach is narrowed further by their audit grants). A token holds
 * only the permissions in its scopes, and only inside its own project: every token scope is
 * project-scoped, so a token checked without a project is refused (never "any project").
 */
export function can(actor: Actor, permission: Permission, scope?: { projectId?: string }): boolean {
  switch (actor.kind) {
    case "system":
      return true;
    case "user":
      return roleCan(actor.user.role, permission);
    case "token":
      return actor.token.scopes.includes(permission) && !!scope?.projectId && scope.projectId === actor.token.projectId;
    default:
      return false;
  }
}

/**
 * The gate before the project is known (route wrapper, pages): could this actor hold `permission`
 * somewhere? The business operation then checks it for the project with `assertCan`.
 */
export function holds(actor: Actor, permission: Permission): boolean {
  if (actor.kind === "token") return actor.token.scopes.includes(permission);
  return can(actor, permission);
}

export function assertHolds(actor: Actor, permission: Permission): void {
  if (holds(actor, permission)) return;
  assertCan(actor, permission, actor.kind === "token" ? { projectId: actor.token.projectId } : undefined);
}

export function assertCan(actor: Actor, permission: Permission, scope?: { projectId?: string }): void {
  if (can(actor, permission, scope)) return;
  if (actor.kind === "token") {
    throw new ForbiddenError(
      !actor.token.scopes.includes(permission)
        ? `This token is not allowed to ${permission.replace(":", " ")}.`
        : scope?.projectId
          ? "This token belongs to another project."
          : "A project token acts only inside its own project; this operation is not tied to one.",
    );
  }
  const role = actor.kind === "user" ? (ROLE_LABELS[actor.user.role] ?? actor.user.role) : "This actor";
  throw new ForbiddenError(`Your role (${role}) does not allow ${describePermission(permission)}.`);
}

function describePermission(permission: Permission): string {
  const [resource, action] = permission.split(":");
  const noun = `${resource.replace("-", " ")}s`;
  const phrases: Record<string, string> = {
    read: `viewing ${noun}`,
    create: `creating ${noun}`,
    update: `changing ${noun}`,
    archive: `archiving ${noun}`,
    manage: `managing ${noun}`,
    write: `changing ${noun}`,
    import: `importing ${noun}`,
    applicability: `setting where ${noun} apply`,
    exercise: `recording ${resource} exercises`,
    snapshot: `recording ${resource} snapshots`,
    raise: `raising ${noun}`,
    answer: `answering ${noun}`,
    review: `reviewing ${noun}`,
    build: `building ${noun}`,
  };
  return phrases[action] ?? `${action} on ${noun}`;
}

export function actorLabel(actor: Actor): { type: string; id: string | null; label: string } {
  switch (actor.kind) {
    case "user":
      return { type: "user", id: actor.user.id, label: actor.user.email };
    case "token":
      return { type: "token", id: actor.token.id, label: `token:${actor.token.name}` };
    case "system":
      return { type: "system", id: null, label: actor.label };
  }
}
