import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { userForSession } from "@/lib/auth/session";
import { createScimToken, revokeScimToken, hashScimToken } from "@/lib/scim/tokens";
import { scimFixture } from "@/lib/scim/testing/fixtures";
import { callScim } from "@/lib/scim/testing/call-scim";
import { ctxOf, makeUser, uniq } from "@/tests/factories";

const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
let token: string;
let adminCtx: ReturnType<typeof ctxOf>;

beforeAll(async () => {
  process.env.OIDC_ROLE_MAP = "proofline-admins:ADMIN,grc:COMPLIANCE_LEAD,eng:ENGINEER";
  process.env.SCIM_DEFAULT_ROLE = "ENGINEER";
  resetEnvForTests();
  const admin = await makeUser({ role: "ADMIN" });
  adminCtx = ctxOf(admin);
  token = (await createScimToken({ ctx: adminCtx, data: { name: "IdP under test" } })).secret;
});

async function actions(entityId: string) {
  return (await prisma.activityEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } })).map((e) => e.action);
}

describe("SCIM tokens", () => {
  it("are stored as a SHA-256 hash only, and the secret is never in the trail", async () => {
    const made = await createScimToken({ ctx: adminCtx, data: { name: uniq("okta") } });
    const row = await prisma.scimToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.tokenHash).toBe(hashScimToken(made.secret));
    expect(JSON.stringify(row)).not.toContain(made.secret);
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { entityId: made.id } });
    expect(JSON.stringify(event.summary)).not.toContain(made.secret);
  });

  it("refuse a request without, with a wrong or with a revoked token: 401 in SCIM's error shape", async () => {
    const list = scimFixture("okta", "findUser", { userName: "nobody@example.test" });
    for (const bearer of [null, "scim_wrong", "pl_project-token-shape"]) {
      const res = await callScim(list, bearer);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/scim+json");
      expect(res.body).toMatchObject({ schemas: [ERROR], status: "401" });
    }
    const other = await createScimToken({ ctx: adminCtx, data: { name: uniq("old") } });
    expect((await callScim(list, other.secret)).status).toBe(200);
    await revokeScimToken({ ctx: adminCtx, tokenId: other.id });
    expect((await callScim(list, other.secret)).body).toMatchObject({
      status: "401",
      detail: expect.stringContaining("revoked"),
    });
  });
});

describe("Okta's provisioning requests", () => {
  it("find, create, read, replace, deactivate (sessions end), reactivate; groups decide the role", async () => {
    const userName = `${uniq("ada")}@okta.example`;
    const externalId = uniq("00u");
    const vars = { userName, externalId };
    const none = await callScim(scimFixture("okta", "findUser", vars), token);
    expect(none).toMatchObject({
      status: 200,
      body: { schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] },
    });

    const created = await callScim(scimFixture("okta", "createUser", vars), token);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userName,
      externalId,
      active: true,
      displayName: "Ada Okta",
      emails: [{ value: userName, primary: true }],
    });
    const userId = created.body.id as string;
    const row = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row).toMatchObject({
      email: userName,
      source: "scim",
      role: "ENGINEER",
      passwordHash: "",
      scimExternalId: externalId,
    });
    // Okta sends a password; Proofline keeps none (people provisioned by SCIM sign in through SSO).
    const createdEvent = await prisma.activityEvent.findFirstOrThrow({
      where: { entityId: userId, action: "user.create" },
    });
    expect(JSON.stringify(createdEvent.summary)).not.toContain("Okta-sends-1-sometimes");

    const again = await callScim(scimFixture("okta", "createUser", vars), token);
    expect(again).toMatchObject({ status: 409, body: { schemas: [ERROR], status: "409", scimType: "uniqueness" } });

    const found = await callScim(scimFixture("okta", "findUser", vars), token);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: userId, userName }] });
    expect((await callScim(scimFixture("okta", "getUser", { ...vars, userId }), token)).body).toMatchObject({
      id: userId,
      meta: { resourceType: "User", location: expect.stringMatching(new RegExp(`/scim/v2/Users/${userId}$`)) },
    });

    const replaced = await callScim(scimFixture("okta", "replaceUser", { ...vars, userId }), token);
    expect(replaced).toMatchObject({ status: 200, body: { displayName: "Ada Lovelace-Okta" } });

    // Groups: a mapped group gives its role, at once, to a signed-in session too.
    const groupName = "grc";
    const group = await callScim(scimFixture("okta", "createGroup", { groupName }), token);
    expect(group).toMatchObject({ status: 201, body: { displayName: "grc", members: [] } });
    const groupId = group.body.id as string;
    expect((await callScim(scimFixture("okta", "findGroup", { groupName }), token)).body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: groupId }],
    });
    await callScim(scimFixture("okta", "addMember", { groupId, userId, userName }), token);
    const sv = (await prisma.user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;
    expect((await userForSession(userId, sv))?.role).toBe("COMPLIANCE_LEAD");

    const off = await callScim(scimFixture("okta", "deactivateUser", { userId }), token);
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    expect(await userForSession(userId, sv)).toBeNull();
    const on = await callScim(scimFixture("okta", "reactivateUser", { userId }), token);
    expect(on.body.active).toBe(true);
    // Reactivation does not revive the old session.
    expect(await userForSession(userId, sv)).toBeNull();

    await callScim(scimFixture("okta", "removeMember", { groupId, userId }), token);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("ENGINEER");
    const renamed = await callScim(scimFixture("okta", "renameGroup", { groupId, newGroupName: "grc-renamed" }), token);
    expect(renamed.body.displayName).toBe("grc-renamed");
    expect((await callScim(scimFixture("okta", "deleteGroup", { groupId }), token)).status).toBe(204);
    expect(await prisma.scimGroup.count({ where: { id: groupId } })).toBe(0);

    expect(await actions(userId)).toEqual([
      "user.create",
      "user.update",
      "user.update",
      "user.deactivate",
      "user.reactivate",
      "user.update",
    ]);
    expect(await actions(groupId)).toEqual([
      "scim_group.create",
      "scim_group.update",
      "scim_group.update",
      "scim_group.update",
      "scim_group.delete",
    ]);
    const actors = await prisma.activityEvent.findMany({
      where: { entityId: { in: [userId, groupId] } },
      select: { actorLabel: true },
    });
    expect(new Set(actors.map((a) => a.actorLabel))).toEqual(new Set(["scim:IdP under test"]));
  });
});

describe("Entra ID's provisioning requests", () => {
  it('create with the enterprise extension, filter by externalId, PATCH with capitalised ops, active as the string "False"', async () => {
    const userName = `${uniq("grace")}@contoso.example`;
    const externalId = crypto.randomUUID();
    const vars = { userName, externalId };
    expect((await callScim(scimFixture("entra", "findUserNone", vars), token)).body).toMatchObject({ totalResults: 0 });
    const created = await callScim(scimFixture("entra", "createUser", vars), token);
    expect(created).toMatchObject({ status: 201, body: { userName, externalId, displayName: "Grace Entra" } });
    const userId = created.body.id as string;
    expect((await callScim(scimFixture("entra", "findUserByExternalId", vars), token)).body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: userId }],
    });

    const patched = await callScim(scimFixture("entra", "patchUser", { userId }), token);
    expect(patched).toMatchObject({ status: 200, body: { displayName: "Grace Hopper" } });

    const sv = (await prisma.user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;
    expect(await userForSession(userId, sv)).not.toBeNull();
    const disabled = await callScim(scimFixture("entra", "disableUser", { userId }), token);
    expect(disabled).toMatchObject({ status: 200, body: { active: false } });
    expect(await userForSession(userId, sv)).toBeNull();
    expect((await callScim(scimFixture("entra", "enableUser", { userId }), token)).body.active).toBe(true);

    const groupName = "proofline-admins";
    const groupExternalId = crypto.randomUUID();
    const group = await callScim(scimFixture("entra", "createGroup", { groupName, groupExternalId }), token);
    expect(group).toMatchObject({ status: 201, body: { displayName: groupName, externalId: groupExternalId } });
    const groupId = group.body.id as string;
    const found = await callScim(scimFixture("entra", "findGroup", { groupName }), token);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: groupId }] });
    expect(found.body.Resources[0]).not.toHaveProperty("members");
    expect((await callScim(scimFixture("entra", "checkMember", { groupId, userId }), token)).body.totalResults).toBe(0);
    await callScim(scimFixture("entra", "addMember", { groupId, userId }), token);
    expect((await callScim(scimFixture("entra", "checkMember", { groupId, userId }), token)).body.totalResults).toBe(1);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("ADMIN");
    await callScim(scimFixture("entra", "removeMember", { groupId, userId }), token);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("ENGINEER");
    expect(
      (
        await callScim(
          scimFixture("entra", "renameGroup", { groupId, newGroupName: `${groupExternalId}updatedDisplayName` }),
          token,
        )
      ).body.displayName,
    ).toBe(`${groupExternalId}updatedDisplayName`);

    expect((await callScim(scimFixture("entra", "deleteUser", { userId }), token)).status).toBe(204);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ active: false });
    expect(await actions(userId)).toEqual([
      "user.create",
      "user.update",
      "user.deactivate",
      "user.reactivate",
      "user.update",
      "user.update",
      "user.deactivate",
    ]);
  });
});

describe("SCIM input checks", () => {
  it("refuses bad bodies, filters and paths with a SCIM error and writes nothing", async () => {
    const before = {
      users: await prisma.user.count(),
      groups: await prisma.scimGroup.count(),
      events: await prisma.activityEvent.count(),
    };
    const bad = [
      {
        method: "POST",
        path: "/scim/v2/Users",
        body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], displayName: "No userName" },
      },
      { method: "POST", path: "/scim/v2/Users", body: { userName: "not-an-email", emails: [] } },
      { method: "POST", path: "/scim/v2/Users", body: { userName: `${uniq("x")}@example.test`, active: "maybe" } },
      { method: "GET", path: `/scim/v2/Users?filter=${encodeURIComponent('userName co "ada"')}` },
      { method: "GET", path: `/scim/v2/Users?filter=${encodeURIComponent('title eq "x"')}` },
      { method: "GET", path: "/scim/v2/Users?startIndex=abc" },
      {
        method: "POST",
        path: "/scim/v2/Groups",
        body: { displayName: "ghost-members", members: [{ value: "no-such-user" }] },
      },
      {
        method: "PATCH",
        path: "/scim/v2/Users/no-such-user",
        body: {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          Operations: [{ op: "replace", value: { active: false } }],
        },
      },
    ];
    const statuses = [];
    for (const req of bad) {
      const res = await callScim(req, token);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: String(res.status) });
      statuses.push([res.status, res.body.scimType ?? null]);
    }
    expect(statuses).toEqual([
      [400, "invalidValue"],
      [400, "invalidValue"],
      [400, "invalidValue"],
      [400, "invalidFilter"],
      [400, "invalidFilter"],
      [400, "invalidValue"],
      [400, "invalidValue"],
      [404, null],
    ]);
    const user = await makeUser();
    const patchBad = await callScim(
      {
        method: "PATCH",
        path: `/scim/v2/Users/${user.id}`,
        body: {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          Operations: [{ op: "Frobnicate", path: "active", value: false }],
        },
      },
      token,
    );
    expect(patchBad.body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    expect({
      users: (await prisma.user.count()) - 1,
      groups: await prisma.scimGroup.count(),
      events: await prisma.activityEvent.count(),
    }).toEqual(before);
  });

  it("pages lists with startIndex and count (1-based), reporting the total", async () => {
    for (let i = 0; i < 3; i++) await makeUser();
    const all = await prisma.user.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
    const page = await callScim({ method: "GET", path: "/scim/v2/Users?startIndex=2&count=2" }, token);
    expect(page.body).toMatchObject({ totalResults: all.length, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(all.slice(1, 3).map((u) => u.id));
    const countOnly = await callScim({ method: "GET", path: "/scim/v2/Users?count=0" }, token);
    expect(countOnly.body).toMatchObject({ totalResults: all.length, itemsPerPage: 0, Resources: [] });
  });

  it("never removes the last active admin", async () => {
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { active: false } });
    const admin = await makeUser({ role: "ADMIN" });
    const res = await callScim(scimFixture("okta", "deactivateUser", { userId: admin.id }), token);
    expect(res).toMatchObject({ status: 409, body: { scimType: "mutability" } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
  });
});
