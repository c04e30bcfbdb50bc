import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET as listProjectsRoute, POST as createProjectRoute } from "@/app/api/v1/projects/route";
import { PATCH as patchUserRoute } from "@/app/api/v1/users/[id]/route";
import { GET as listUsersRoute } from "@/app/api/v1/users/route";
import { GET as activityRoute } from "@/app/api/v1/activity/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { updateUser } from "@/lib/users/update-user";
import { call } from "@/tests/api";
import { ctxOf, makeUser, uniq } from "@/tests/factories";

const PROBLEM = "application/problem+json";

describe("API: authentication, roles and problem+json", () => {
  it("answers 401 problem+json without a session", async () => {
    const res = await call(listProjectsRoute, { path: "/api/v1/projects" });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe(PROBLEM);
    expect(res.body).toMatchObject({ status: 401, type: "urn:proofline:problem:unauthenticated" });
  });

  it("refuses the wrong role with 403 and a sentence naming the role, writing nothing", async () => {
    const engineer = await makeUser({ role: "ENGINEER" });
    const before = await prisma.project.count();
    const res = await call(createProjectRoute, {
      method: "POST",
      path: "/api/v1/projects",
      asUser: engineer.id,
      body: { name: "Sneaky" },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe(PROBLEM);
    expect(res.body.detail).toBe("Your role (Engineer) does not allow creating projects.");
    expect(await prisma.project.count()).toBe(before);
    const users = await call(listUsersRoute, { path: "/api/v1/users", asUser: engineer.id });
    expect(users.status).toBe(403);
  });

  it("creates with 201 for a lead, and gives 422 with field paths for bad input", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const ok = await call(createProjectRoute, {
      method: "POST",
      path: "/api/v1/projects",
      asUser: lead.id,
      body: { name: "Via API", slug: uniq("api") },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: "Via API" });
    const bad = await call(createProjectRoute, {
      method: "POST",
      path: "/api/v1/projects",
      asUser: lead.id,
      body: { name: "", extra: 1 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["body", "body.name"]);
  });

  it("refuses malformed JSON (400), the wrong content type (415) and unknown query parameters (422)", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const create = (rawBody: string, contentType: string) =>
      call(createProjectRoute, { method: "POST", asUser: lead.id, rawBody, headers: { "content-type": contentType } });
    const malformed = await create("{not json", "application/json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/not valid JSON/);
    const form = await create("name=x", "application/x-www-form-urlencoded");
    expect(form.status).toBe(415);
    const unknown = await call(listProjectsRoute, { path: "/api/v1/projects?colour=red", asUser: lead.id });
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toMatch(/colour/);
  });

  it("locks out a deactivated user on their next request", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const engineer = await makeUser({ role: "ENGINEER" });
    const cookie = (await import("@/tests/api")).sessionCookie(engineer.id);
    const headers = { cookie: await cookie };
    expect((await call(listProjectsRoute, { headers })).status).toBe(200);
    await updateUser({ ctx: ctxOf(admin), userId: engineer.id, data: { active: false } });
    const after = await call(listProjectsRoute, { headers });
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/no longer valid/);
  });

  it("protects the last admin at the API with 409", async () => {
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { active: false } });
    const admin = await makeUser({ role: "ADMIN" });
    const res = await call(patchUserRoute, {
      method: "PATCH",
      asUser: admin.id,
      params: { id: admin.id },
      body: { role: "ENGINEER" },
    });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/last active admin/);
  });

  it("lists the activity trail with filters and cursor pagination", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    for (let i = 0; i < 5; i++)
      await call(createProjectRoute, {
        method: "POST",
        asUser: lead.id,
        body: { name: `Paged ${i}`, slug: uniq(`pg${i}`) },
      });
    const first = await call(activityRoute, {
      path: `/api/v1/activity?actor=${encodeURIComponent(lead.email)}&limit=2`,
      asUser: lead.id,
    });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].action).toBe("project.create");
    const second = await call(activityRoute, {
      path: `/api/v1/activity?actor=${encodeURIComponent(lead.email)}&limit=2&cursor=${first.body.nextCursor}`,
      asUser: lead.id,
    });
    expect(Number(second.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));
    const engineer = await makeUser({ role: "ENGINEER" });
    expect((await call(activityRoute, { asUser: engineer.id })).status).toBe(403);
    const badCursor = await call(activityRoute, { path: "/api/v1/activity?cursor=zzz", asUser: lead.id });
    expect(badCursor.status).toBe(422);
  });

  it("reports health of the app and the database", async () => {
    const res = await call(healthRoute, { path: "/api/health" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", database: { status: "ok" } });
    expect(res.body.database.migrations).toBeGreaterThanOrEqual(2);
  });
});
