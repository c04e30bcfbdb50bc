import type { Tx } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { ScimError } from "@/lib/scim/errors";
import type { ScimPrincipal } from "@/lib/scim/tokens";

// Shared helpers of the SCIM resources: values as identity providers send them, and who acts.

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Keys in lower case: SCIM attribute names are case-insensitive (RFC 7643 §2.1). */
export function lowerKeys(v: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]));
}

/** A SCIM boolean: true/false, or the strings Entra ID sends ("True", "False"). */
export function scimBoolean(v: unknown, attr: string): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  throw new ScimError(400, `${attr} must be true or false.`, "invalidValue");
}

export function scimString(v: unknown, attr: string, max = 320): string | null {
  if (v == null) return null;
  if (typeof v !== "string") throw new ScimError(400, `${attr} must be a string.`, "invalidValue");
  const t = v.trim();
  if (t.length > max) throw new ScimError(400, `${attr} is longer than ${max} characters.`, "invalidValue");
  return t || null;
}

export function looksLikeEmail(v: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 320;
}

/** An attribute path without the core schema's URN prefix, in lower case. */
export function normalisePath(path: string): string {
  return path
    .trim()
    .toLowerCase()
    .replace(/^urn:ietf:params:scim:schemas:core:2\.0:(?:user|group):/, "");
}

export type PatchKind = "add" | "replace" | "remove";

export interface PatchOperation {
  kind: PatchKind;
  path: string | null;
  value: unknown;
}

/** The Operations of a PatchOp body; op names are case-insensitive (Entra ID sends "Replace", "Add"). */
export function patchOperations(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw new ScimError(400, "The body must be a SCIM PatchOp object.", "invalidSyntax");
  const b = lowerKeys(body);
  if (!Array.isArray(b.schemas) || !b.schemas.includes(PATCH_SCHEMA))
    throw new ScimError(400, `schemas must include ${PATCH_SCHEMA}.`, "invalidSyntax");
  if (!Array.isArray(b.operations) || b.operations.length === 0 || b.operations.length > 1000)
    throw new ScimError(400, "Operations must list 1 to 1000 operations.", "invalidSyntax");
  return b.operations.map((raw) => {
    if (!isObject(raw)) throw new ScimError(400, "Each operation must be an object.", "invalidSyntax");
    const op = lowerKeys(raw);
    const kind = typeof op.op === "string" ? op.op.trim().toLowerCase() : "";
    if (kind !== "add" && kind !== "replace" && kind !== "remove")
      throw new ScimError(400, `Unknown op "${String(op.op)}" (add, replace or remove).`, "invalidSyntax");
    if (op.path != null && typeof op.path !== "string")
      throw new ScimError(400, "path must be a string.", "invalidPath");
    const path = typeof op.path === "string" && op.path.trim() ? op.path : null;
    if (!path && kind === "remove") throw new ScimError(400, "A remove operation needs a path.", "noTarget");
    return { kind, path, value: op.value };
  });
}

/** The activity trail's actor for a SCIM change: the identity provider, named by its token. */
export function scimCtx(principal: ScimPrincipal, requestId?: string): RequestCtx {
  return { actor: { kind: "system", label: `scim:${principal.name}` }, requestId };
}

// Serialises changes that could remove the last admin (the same lock lib/users/update-user.ts takes).
const ADMIN_LOCK = 7_270_002;

/** Refuses (409) a change that would leave no active admin, so the IdP can never lock everyone out. */
export async function assertKeepsAnAdmin(
  tx: Tx,
  user: { id: string; role: string; active: boolean },
  after: { role: string; active: boolean },
) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`;
  const loses = user.role === "ADMIN" && user.active && (after.role !== "ADMIN" || !after.active);
  if (!loses) return;
  const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: user.id } } });
  if (others === 0)
    throw new ScimError(
      409,
      "This change would leave Proofline without an active admin; make someone else an admin first.",
      "mutability",
    );
}
