import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as createRoute, GET as listRoute } from "@/app/api/v1/projects/[slug]/tokens/route";
import { DELETE as revokeRoute } from "@/app/api/v1/projects/[slug]/tokens/[id]/route";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { hashTokenSecret } from "@/lib/tokens/token-secret";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";

describe("project tokens", () => {
  it("a lead creates a token (secret shown once, stored hashed), lists it with last use, and revokes it", async () => {
    const project = await makeProject();
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const created = await call(createRoute, {
      method: "POST",
      params: { slug: project.slug },
      asUser: lead.id,
      body: { name: "github-actions", scopes: ["evidence:write", "readiness:read"], expiresAt: "2099-01-01T00:00:00Z" },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^pl_[\w-]{43}$/);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row).toMatchObject({
      tokenHash: hashTokenSecret(secret),
      prefix: secret.slice(0, 10),
      scopes: ["evidence:write", "readiness:read"],
      createdById: lead.id,
    });
    expect(JSON.stringify(row)).not.toContain(secret);

    const principal = await authenticateToken(`Bearer ${secret}`);
    expect(principal).toMatchObject({ projectId: project.id, scopes: ["evidence:write", "readiness:read"] });
    const listed = await call(listRoute, { params: { slug: project.slug }, asUser: lead.id });
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ name: "github-actions", createdBy: lead.name, revokedAt: null });
    expect(listed.body.items[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain("tokenHash");
    expect(listed.body.github).toEqual({ configured: false });

    const revoked = await call(revokeRoute, {
      method: "DELETE",
      params: { slug: project.slug, id: created.body.id },
      asUser: lead.id,
    });
    expect(revoked.status).toBe(200);
    await expect(authenticateToken(`Bearer ${secret}`)).rejects.toThrow(/was revoked/);
    const actions = (
      await prisma.activityEvent.findMany({ where: { entityId: created.body.id }, orderBy: { id: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["token.create", "token.revoke"]);
  });

  it("refuses engineers and auditors (403), bad input (422) and past expiries, writing nothing", async () => {
    const project = await makeProject();
    const engineer = await makeUser({ role: "ENGINEER" });
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    expect(
      (
        await call(createRoute, {
          method: "POST",
          params: { slug: project.slug },
          asUser: engineer.id,
          body: { name: "sneaky" },
        })
      ).status,
    ).toBe(403);
    expect((await call(listRoute, { params: { slug: project.slug }, asUser: engineer.id })).status).toBe(403);
    const bad = await call(createRoute, {
      method: "POST",
      params: { slug: project.slug },
      asUser: lead.id,
      body: { name: "x", scopes: ["user:manage"] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["body.name", "body.scopes.0"]);
    const past = await call(createRoute, {
      method: "POST",
      params: { slug: project.slug },
      asUser: lead.id,
      body: { name: "old", expiresAt: "2001-01-01T00:00:00Z" },
    });
    expect([past.status, past.body.errors[0].path]).toEqual([422, "body.expiresAt"]);
    expect(await prisma.apiToken.count({ where: { projectId: project.id } })).toBe(0);
    expect(
      (await call(revokeRoute, { method: "DELETE", params: { slug: project.slug, id: "nope" }, asUser: lead.id }))
        .status,
    ).toBe(404);
  });
});
