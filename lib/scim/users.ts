import type { Prisma } from "@/generated/prisma/client";
import { prisma, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { recordActivity } from "@/lib/activity/record-activity";
import { ScimError } from "@/lib/scim/errors";
import { listResponse, parseFilter, readPage, type Page } from "@/lib/scim/filter";
import {
  assertKeepsAnAdmin,
  isObject,
  looksLikeEmail,
  lowerKeys,
  normalisePath,
  patchOperations,
  scimBoolean,
  scimCtx,
  scimString,
  USER_SCHEMA,
} from "@/lib/scim/resource";
import type { ScimPrincipal } from "@/lib/scim/tokens";

// SCIM 2.0 Users (RFC 7643 §4.1, RFC 7644 §3) over Proofline's users. Proofline keeps an email (the
// sign-in identity, matched with the OIDC email claim), one display name and the active flag; the other
// attributes identity providers send (title, addresses, the enterprise extension) are accepted and not
// kept. A user's role is not a SCIM attribute: it comes from mapped groups (lib/scim/roles.ts).

const SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  scimExternalId: true,
  createdAt: true,
  updatedAt: true,
  scimGroups: { select: { group: { select: { id: true, displayName: true } } } },
} as const satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof SELECT }>;

export function toScimUser(u: UserRow, base: string) {
  const space = u.name.indexOf(" ");
  return {
    schemas: [USER_SCHEMA],
    id: u.id,
    ...(u.scimExternalId ? { externalId: u.scimExternalId } : {}),
    userName: u.email,
    name: {
      formatted: u.name,
      ...(space > 0
        ? { givenName: u.name.slice(0, space), familyName: u.name.slice(space + 1) }
        : { givenName: u.name }),
    },
    displayName: u.name,
    emails: [{ value: u.email, type: "work", primary: true }],
    active: u.active,
    groups: u.scimGroups.map((m) => ({
      value: m.group.id,
      display: m.group.displayName,
      $ref: `${base}/Groups/${m.group.id}`,
    })),
    meta: {
      resourceType: "User",
      created: u.createdAt.toISOString(),
      lastModified: u.updatedAt.toISOString(),
      location: `${base}/Users/${u.id}`,
    },
  };
}

/** What a SCIM request says a user should be; resolved into Proofline's fields by `resolve`. */
interface UserDraft {
  userName: string | null;
  workEmail: string | null;
  displayName: string | null;
  formatted: string | null;
  givenName: string | null;
  familyName: string | null;
  currentName: string | null;
  active: boolean;
  externalId: string | null;
}

function draftFromUser(u: UserRow): UserDraft {
  const space = u.name.indexOf(" ");
  return {
    userName: u.email,
    workEmail: u.email,
    displayName: null,
    formatted: null,
    givenName: space > 0 ? u.name.slice(0, space) : u.name,
    familyName: space > 0 ? u.name.slice(space + 1) : null,
    currentName: u.name,
    active: u.active,
    externalId: u.scimExternalId,
  };
}

const EMPTY_DRAFT: UserDraft = {
  userName: null,
  workEmail: null,
  displayName: null,
  formatted: null,
  givenName: null,
  familyName: null,
  currentName: null,
  active: true,
  externalId: null,
};

function emailFromList(v: unknown): string | null {
  if (!Array.isArray(v)) throw new ScimError(400, "emails must be a list.", "invalidValue");
  const items = v.filter(isObject).map(lowerKeys);
  const pick =
    items.find((e) => e.primary === true || (typeof e.primary === "string" && e.primary.toLowerCase() === "true")) ??
    items.find((e) => e.type === "work") ??
    items[0];
  return pick ? scimString(pick.value, "emails.value") : null;
}

/** Sets one attribute of the draft (PUT/POST bodies and PATCH operations both come here). */
function setAttribute(d: UserDraft, rawPath: string, value: unknown, remove: boolean) {
  const path = normalisePath(rawPath);
  const text = (attr: string) => (remove ? null : scimString(value, attr));
  switch (path) {
    case "active":
      d.active = remove ? false : scimBoolean(value, "active");
      return;
    case "username":
      d.userName = text("userName");
      return;
    case "displayname":
      d.displayName = text("displayName");
      return;
    case "externalid":
      d.externalId = text("externalId");
      return;
    case "name.givenname":
      d.givenName = text("name.givenName");
      return;
    case "name.familyname":
      d.familyName = text("name.familyName");
      return;
    case "name.formatted":
      d.formatted = text("name.formatted");
      return;
    case "name":
      if (remove || !isObject(value)) return;
      for (const [k, v] of Object.entries(value)) setAttribute(d, `name.${k}`, v, false);
      return;
    case "emails":
      d.workEmail = remove ? null : emailFromList(value);
      return;
    case 'emails[type eq "work"].value':
    case "emails.value":
      d.workEmail = text("emails.value");
      return;
    default:
      // Attributes Proofline does not keep (title, locale, the enterprise extension…): accepted, ignored.
      return;
  }
}

function draftFromResource(body: unknown, base: UserDraft): UserDraft {
  if (!isObject(body)) throw new ScimError(400, "The body must be a SCIM User object.", "invalidSyntax");
  const d: UserDraft = {
    ...base,
    displayName: null,
    formatted: null,
    givenName: null,
    familyName: null,
    active: true,
    externalId: null,
    workEmail: null,
  };
  for (const [k, v] of Object.entries(body)) {
    if (k.toLowerCase() === "schemas" || k.toLowerCase() === "id" || k.toLowerCase() === "meta") continue;
    setAttribute(d, k, v, false);
  }
  return d;
}

function resolve(d: UserDraft): { email: string; name: string; active: boolean; externalId: string | null } {
  if (!d.userName) throw new ScimError(400, "userName is required.", "invalidValue");
  const email = (looksLikeEmail(d.userName) ? d.userName : (d.workEmail ?? "")).toLowerCase();
  if (!looksLikeEmail(email))
    throw new ScimError(
      400,
      "userName (or the primary email) must be an email address: Proofline signs people in by email.",
      "invalidValue",
    );
  const joined = [d.givenName, d.familyName].filter(Boolean).join(" ");
  const name = (d.displayName ?? d.formatted ?? (joined || d.currentName) ?? email).slice(0, 120);
  return { email, name, active: d.active, externalId: d.externalId };
}

async function assertUnique(tx: Tx, want: { email: string; externalId: string | null }, exceptId?: string) {
  const clash = await tx.user.findFirst({
    where: {
      id: exceptId ? { not: exceptId } : undefined,
      OR: [{ email: want.email }, ...(want.externalId ? [{ scimExternalId: want.externalId }] : [])],
    },
    select: { email: true },
  });
  if (clash)
    throw new ScimError(
      409,
      clash.email === want.email
        ? `A user with userName ${want.email} already exists.`
        : `A user with externalId ${want.externalId} already exists.`,
      "uniqueness",
    );
}

function base(origin: string) {
  return `${origin.replace(/\/$/, "")}/scim/v2`;
}

export interface ScimUserCall {
  principal: ScimPrincipal;
  origin: string;
  requestId?: string;
}

export async function getScimUser({ origin, id }: ScimUserCall & { id: string }) {
  const user = await prisma.user.findUnique({ where: { id }, select: SELECT });
  if (!user) throw new ScimError(404, `No user has the id ${id}.`);
  return toScimUser(user, base(origin));
}

export async function listScimUsers({ origin, filter, page }: ScimUserCall & { filter: string | null; page: Page }) {
  const where: Prisma.UserWhereInput = {};
  const and: Prisma.UserWhereInput[] = [];
  for (const c of parseFilter(filter)) {
    if (c.attr === "username" || c.attr === "emails.value" || c.attr === "emails")
      and.push({ email: c.value.trim().toLowerCase() });
    else if (c.attr === "externalid") and.push({ scimExternalId: c.value });
    else if (c.attr === "id") and.push({ id: c.value });
    else if (c.attr === "displayname") and.push({ name: c.value });
    else
      throw new ScimError(
        400,
        `Users cannot be filtered by ${c.attr} (userName, externalId, id, displayName or emails.value).`,
        "invalidFilter",
      );
  }
  if (and.length) where.AND = and;
  const [total, rows] = await readPage(
    page,
    () => prisma.user.count({ where }),
    (window) => prisma.user.findMany({ where, select: SELECT, ...window }),
  );
  return listResponse(
    rows.map((u) => toScimUser(u, base(origin))),
    total,
    page,
  );
}

/** POST /Users: a new user (no password; they sign in through SSO) with the default role until a mapped group gives one. */
export async function createScimUser({ principal, origin, requestId, body }: ScimUserCall & { body: unknown }) {
  const want = resolve(draftFromResource(body, EMPTY_DRAFT));
  const ctx = scimCtx(principal, requestId);
  const user = await prisma.$transaction(async (tx) => {
    await assertUnique(tx, want);
    const created = await tx.user.create({
      data: {
        email: want.email,
        name: want.name,
        active: want.active,
        scimExternalId: want.externalId,
        role: env().SCIM_DEFAULT_ROLE,
        passwordHash: "",
        source: "scim",
      },
      select: SELECT,
    });
    await recordActivity(tx, {
      ctx,
      action: "user.create",
      entityType: "User",
      entityId: created.id,
      summary: {
        after: {
          email: created.email,
          name: created.name,
          role: created.role,
          active: created.active,
          externalId: created.scimExternalId,
        },
        via: "scim",
      },
    });
    return created;
  });
  return toScimUser(user, base(origin));
}

async function applyUserChange(call: ScimUserCall, id: string, change: (current: UserDraft) => UserDraft) {
  const ctx = scimCtx(call.principal, call.requestId);
  const user = await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: SELECT });
    if (!before) throw new ScimError(404, `No user has the id ${id}.`);
    const want = resolve(change(draftFromUser(before)));
    await assertUnique(tx, want, before.id);
    if (before.active && !want.active) await assertKeepsAnAdmin(tx, before, { role: before.role, active: false });
    const deactivated = before.active && !want.active;
    const after = await tx.user.update({
      where: { id: before.id },
      data: {
        email: want.email,
        name: want.name,
        active: want.active,
        scimExternalId: want.externalId,
        sessionVersion: deactivated ? { increment: 1 } : undefined,
      },
      select: SELECT,
    });
    const was = { email: before.email, name: before.name, active: before.active, externalId: before.scimExternalId };
    const now = { email: after.email, name: after.name, active: after.active, externalId: after.scimExternalId };
    const changed = (Object.keys(now) as Array<keyof typeof now>).filter((k) => was[k] !== now[k]);
    if (changed.length) {
      const action = deactivated
        ? "user.deactivate"
        : !before.active && after.active
          ? "user.reactivate"
          : "user.update";
      await recordActivity(tx, {
        ctx,
        action,
        entityType: "User",
        entityId: after.id,
        summary: {
          before: Object.fromEntries(changed.map((k) => [k, was[k]])),
          after: Object.fromEntries(changed.map((k) => [k, now[k]])),
          via: "scim",
          ...(deactivated ? { sessionsRevoked: true } : {}),
        },
      });
    }
    return after;
  });
  return toScimUser(user, base(call.origin));
}

/** PUT /Users/{id}: the whole resource replaced (attributes not sent are cleared; active defaults to true). */
export async function replaceScimUser(call: ScimUserCall & { id: string; body: unknown }) {
  return applyUserChange(call, call.id, (current) =>
    draftFromResource(call.body, { ...current, currentName: current.currentName }),
  );
}

/** PATCH /Users/{id}: Okta's and Entra ID's operation shapes (with or without path, any op case). */
export async function patchScimUser(call: ScimUserCall & { id: string; body: unknown }) {
  const ops = patchOperations(call.body);
  return applyUserChange(call, call.id, (current) => {
    const d = { ...current };
    for (const op of ops) {
      if (op.path) setAttribute(d, op.path, op.value, op.kind === "remove");
      else if (isObject(op.value)) for (const [k, v] of Object.entries(op.value)) setAttribute(d, k, v, false);
      else throw new ScimError(400, "An operation without a path needs an object value.", "invalidValue");
    }
    return d;
  });
}

/**
 * DELETE /Users/{id}: Proofline never deletes a person (their name stays on the evidence and the trail);
 * the account is deactivated and its sessions end.
 */
export async function deleteScimUser(call: ScimUserCall & { id: string }) {
  await applyUserChange(call, call.id, (current) => ({ ...current, active: false }));
}
