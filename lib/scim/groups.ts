import type { Prisma } from "@/generated/prisma/client";
import { prisma, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { recordActivity } from "@/lib/activity/record-activity";
import { configuredRoleMap } from "@/lib/auth/sso-config";
import { ScimError } from "@/lib/scim/errors";
import { listResponse, parseFilter, readPage, type Page } from "@/lib/scim/filter";
import {
  GROUP_SCHEMA,
  isObject,
  lowerKeys,
  normalisePath,
  patchOperations,
  scimCtx,
  scimString,
} from "@/lib/scim/resource";
import { syncRolesFromGroups } from "@/lib/scim/roles";
import type { ScimUserCall } from "@/lib/scim/users";

// SCIM 2.0 Groups (RFC 7643 §4.2). A group whose display name is in the role map (OIDC_ROLE_MAP) gives
// its members that role; every change to such a group's members re-derives their roles at once.

const SELECT = {
  id: true,
  displayName: true,
  externalId: true,
  createdAt: true,
  updatedAt: true,
  members: { select: { user: { select: { id: true, email: true } } }, orderBy: { userId: "asc" } },
} as const satisfies Prisma.ScimGroupSelect;

type GroupRow = Prisma.ScimGroupGetPayload<{ select: typeof SELECT }>;

const base = (origin: string) => `${origin.replace(/\/$/, "")}/scim/v2`;

export function toScimGroup(g: GroupRow, origin: string, withMembers = true) {
  return {
    schemas: [GROUP_SCHEMA],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    ...(withMembers
      ? {
          members: g.members.map((m) => ({
            value: m.user.id,
            display: m.user.email,
            $ref: `${base(origin)}/Users/${m.user.id}`,
          })),
        }
      : {}),
    meta: {
      resourceType: "Group",
      created: g.createdAt.toISOString(),
      lastModified: g.updatedAt.toISOString(),
      location: `${base(origin)}/Groups/${g.id}`,
    },
  };
}

/** Member ids from a members value: [{ value: "<user id>" }, …]. */
function memberIds(v: unknown): string[] {
  if (v == null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((m) => {
    const value = isObject(m) ? lowerKeys(m).value : m;
    if (typeof value !== "string" || !value.trim())
      throw new ScimError(400, "Each member needs a value (the user's id).", "invalidValue");
    return value.trim();
  });
}

interface GroupDraft {
  displayName: string | null;
  externalId: string | null;
  members: Set<string>;
}

function draftFromResource(body: unknown): GroupDraft {
  if (!isObject(body)) throw new ScimError(400, "The body must be a SCIM Group object.", "invalidSyntax");
  const b = lowerKeys(body);
  return {
    displayName: scimString(b.displayname, "displayName", 200),
    externalId: scimString(b.externalid, "externalId", 200),
    members: new Set(memberIds(b.members)),
  };
}

/** Writes a group's new state, checks members exist, records the change and re-derives the affected roles. */
async function saveGroup(tx: Tx, call: ScimUserCall, before: GroupRow | null, want: GroupDraft) {
  if (!want.displayName) throw new ScimError(400, "displayName is required.", "invalidValue");
  const clash = await tx.scimGroup.findFirst({
    where: {
      id: before ? { not: before.id } : undefined,
      OR: [{ displayName: want.displayName }, ...(want.externalId ? [{ externalId: want.externalId }] : [])],
    },
    select: { id: true },
  });
  if (clash)
    throw new ScimError(
      409,
      `A group named ${want.displayName} (or with that externalId) already exists.`,
      "uniqueness",
    );
  const ids = [...want.members];
  const found = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true } });
  if (found.length !== ids.length) {
    const known = new Set(found.map((u) => u.id));
    throw new ScimError(
      400,
      `No user has the id ${ids.find((id) => !known.has(id))}; provision the user before adding them to a group.`,
      "invalidValue",
    );
  }
  const group = before
    ? await tx.scimGroup.update({
        where: { id: before.id },
        data: { displayName: want.displayName, externalId: want.externalId },
      })
    : await tx.scimGroup.create({ data: { displayName: want.displayName, externalId: want.externalId } });
  const had = new Set(before?.members.map((m) => m.user.id) ?? []);
  const added = ids.filter((id) => !had.has(id));
  const removed = [...had].filter((id) => !want.members.has(id));
  if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId: group.id, userId: { in: removed } } });
  if (added.length)
    await tx.scimGroupMember.createMany({ data: added.map((userId) => ({ groupId: group.id, userId })) });
  const ctx = scimCtx(call.principal, call.requestId);
  const renamed = before && before.displayName !== want.displayName;
  if (!before || renamed || before.externalId !== want.externalId || added.length || removed.length) {
    await recordActivity(tx, {
      ctx,
      action: before ? "scim_group.update" : "scim_group.create",
      entityType: "ScimGroup",
      entityId: group.id,
      summary: {
        displayName: want.displayName,
        ...(renamed ? { before: { displayName: before.displayName } } : {}),
        ...(added.length ? { membersAdded: added.slice(0, 200) } : {}),
        ...(removed.length ? { membersRemoved: removed.slice(0, 200) } : {}),
        via: "scim",
      },
    });
  }
  const map = configuredRoleMap();
  const mapped = map.has(want.displayName) || (before ? map.has(before.displayName) : false);
  // Renaming a mapped group changes every member's role; a member change affects the members changed.
  if (mapped)
    await syncRolesFromGroups(
      tx,
      ctx,
      renamed ? [...ids, ...removed] : [...added, ...removed],
      map,
      env().SCIM_DEFAULT_ROLE,
    );
  return tx.scimGroup.findUniqueOrThrow({ where: { id: group.id }, select: SELECT });
}

export async function getScimGroup({ origin, id, withMembers }: ScimUserCall & { id: string; withMembers: boolean }) {
  const group = await prisma.scimGroup.findUnique({ where: { id }, select: SELECT });
  if (!group) throw new ScimError(404, `No group has the id ${id}.`);
  return toScimGroup(group, origin, withMembers);
}

export async function listScimGroups({
  origin,
  filter,
  page,
  withMembers,
}: ScimUserCall & { filter: string | null; page: Page; withMembers: boolean }) {
  const and: Prisma.ScimGroupWhereInput[] = [];
  for (const c of parseFilter(filter)) {
    if (c.attr === "displayname") and.push({ displayName: c.value });
    else if (c.attr === "externalid") and.push({ externalId: c.value });
    else if (c.attr === "id") and.push({ id: c.value });
    else if (c.attr === "members.value") and.push({ members: { some: { userId: c.value } } });
    else
      throw new ScimError(
        400,
        `Groups cannot be filtered by ${c.attr} (displayName, externalId, id or members[value eq "…"]).`,
        "invalidFilter",
      );
  }
  const where: Prisma.ScimGroupWhereInput = and.length ? { AND: and } : {};
  const [total, rows] = await readPage(
    page,
    () => prisma.scimGroup.count({ where }),
    (window) => prisma.scimGroup.findMany({ where, select: SELECT, ...window }),
  );
  return listResponse(
    rows.map((g) => toScimGroup(g, origin, withMembers)),
    total,
    page,
  );
}

export async function createScimGroup(call: ScimUserCall & { body: unknown }) {
  const want = draftFromResource(call.body);
  const group = await prisma.$transaction((tx) => saveGroup(tx, call, null, want));
  return toScimGroup(group, call.origin);
}

export async function replaceScimGroup(call: ScimUserCall & { id: string; body: unknown }) {
  const want = draftFromResource(call.body);
  const group = await prisma.$transaction(async (tx) => {
    const before = await tx.scimGroup.findUnique({ where: { id: call.id }, select: SELECT });
    if (!before) throw new ScimError(404, `No group has the id ${call.id}.`);
    return saveGroup(tx, call, before, want);
  });
  return toScimGroup(group, call.origin);
}

/**
 * PATCH /Groups/{id}. Okta: replace with a value object ({ id, displayName }), add members with path
 * "members", remove with path 'members[value eq "…"]'. Entra ID: "Add"/"Remove" with path "members" and
 * a list, "Replace" with path "displayName" or "externalId".
 */
export async function patchScimGroup(call: ScimUserCall & { id: string; body: unknown }) {
  const ops = patchOperations(call.body);
  const group = await prisma.$transaction(async (tx) => {
    const before = await tx.scimGroup.findUnique({ where: { id: call.id }, select: SELECT });
    if (!before) throw new ScimError(404, `No group has the id ${call.id}.`);
    const want: GroupDraft = {
      displayName: before.displayName,
      externalId: before.externalId,
      members: new Set(before.members.map((m) => m.user.id)),
    };
    const set = (path: string, value: unknown, kind: "add" | "replace" | "remove") => {
      const p = normalisePath(path);
      if (p === "displayname") want.displayName = kind === "remove" ? null : scimString(value, "displayName", 200);
      else if (p === "externalid") want.externalId = kind === "remove" ? null : scimString(value, "externalId", 200);
      else if (p === "members") {
        if (kind === "replace") want.members = new Set(memberIds(value));
        else if (kind === "add") for (const id of memberIds(value)) want.members.add(id);
        else if (value == null) want.members.clear();
        else for (const id of memberIds(value)) want.members.delete(id);
      } else {
        const m = /^members\[value eq "([^"]+)"\]$/i.exec(path.trim());
        if (m && kind === "remove") want.members.delete(m[1]);
        else if (p !== "id")
          throw new ScimError(400, `Groups have no attribute ${path} that can be changed.`, "invalidPath");
      }
    };
    for (const op of ops) {
      if (op.path) set(op.path, op.value, op.kind);
      else if (isObject(op.value)) for (const [k, v] of Object.entries(op.value)) set(k, v, op.kind);
      else throw new ScimError(400, "An operation without a path needs an object value.", "invalidValue");
    }
    return saveGroup(tx, call, before, want);
  });
  return toScimGroup(group, call.origin);
}

/** DELETE /Groups/{id}: the group goes; its members' roles are re-derived without it. */
export async function deleteScimGroup(call: ScimUserCall & { id: string }) {
  await prisma.$transaction(async (tx) => {
    const before = await tx.scimGroup.findUnique({ where: { id: call.id }, select: SELECT });
    if (!before) throw new ScimError(404, `No group has the id ${call.id}.`);
    await tx.scimGroup.delete({ where: { id: before.id } });
    const ctx = scimCtx(call.principal, call.requestId);
    await recordActivity(tx, {
      ctx,
      action: "scim_group.delete",
      entityType: "ScimGroup",
      entityId: before.id,
      summary: { displayName: before.displayName, members: before.members.length, via: "scim" },
    });
    const map = configuredRoleMap();
    if (map.has(before.displayName))
      await syncRolesFromGroups(
        tx,
        ctx,
        before.members.map((m) => m.user.id),
        map,
        env().SCIM_DEFAULT_ROLE,
      );
  });
}
