// Issue 11, "Browser defences": a state-changing request made with a session from another origin is
// refused before anything is parsed or written.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as createProject } from "@/app/api/v1/projects/route";
import { PATCH as updateUser } from "@/app/api/v1/users/[id]/route";
import { call } from "@/tests/api";
import { makeUser, uniq } from "@/tests/factories";

const APP = { host: "localhost" };

describe("Origin check on session-authenticated changes", () => {
  it("refuses a cross-site forged request (as a page on another site would send it) and writes nothing", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const name = uniq("Forged");
    const res = await call(createProject, {
      method: "POST",
      asUser: lead.id,
      body: { name },
      headers: { ...APP, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/cross-site request/);
    expect(await prisma.project.count({ where: { name } })).toBe(0);
  });

  it("refuses a sibling site's request, e.g. an admin promoted by a page on another subdomain", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const target = await makeUser({ role: "ENGINEER" });
    const res = await call(updateUser, {
      method: "PATCH",
      asUser: admin.id,
      params: { id: target.id },
      body: { role: "ADMIN" },
      headers: { ...APP, origin: "http://files.localhost" },
    });
    expect(res.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("ENGINEER");
  });

  it("accepts the app's own pages and non-browser clients", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const own = await call(createProject, {
      method: "POST",
      asUser: lead.id,
      body: { name: uniq("Own") },
      headers: { ...APP, origin: "http://localhost", "sec-fetch-site": "same-origin" },
    });
    expect(own.status).toBe(201);
    const script = await call(createProject, { method: "POST", asUser: lead.id, body: { name: uniq("Script") } });
    expect(script.status).toBe(201);
  });
});
