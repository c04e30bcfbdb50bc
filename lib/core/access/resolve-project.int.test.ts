import { describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/enums";
import type { RequestCtx } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { ctxOf, makeAudit, makeProject, makeUser, prisma } from "@/tests/factories";

const NOW = new Date();
const DAY = 24 * 60 * 60 * 1000;

async function world() {
  const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
  const [granted, other, archived] = [await makeProject(), await makeProject(), await makeProject()];
  await prisma.project.update({ where: { id: archived.id }, data: { archivedAt: new Date(NOW.getTime() - DAY) } });
  return { lead, granted, other, archived };
}

async function userCtx(role: Role): Promise<RequestCtx> {
  return ctxOf(await makeUser({ role }));
}

function tokenCtx(projectId: string, scopes: string[]): RequestCtx {
  return { actor: { kind: "token", token: { id: "t", name: "ci", projectId, scopes } } };
}

describe("resolveProject", () => {
  it("finds a project for every role that holds the permission, with its id, slug, name and archive date", async () => {
    const w = await world();
    for (const role of ["ADMIN", "COMPLIANCE_LEAD", "ENGINEER"] as const) {
      const found = await resolveProject({
        ctx: await userCtx(role),
        slug: w.granted.slug,
        permission: "evidence:read",
      });
      expect(found).toEqual({ id: w.granted.id, slug: w.granted.slug, name: w.granted.name, archivedAt: null });
    }
  });

  it("refuses a role without the permission (403), and writes for roles that may only read", async () => {
    const w = await world();
    await expect(
      resolveProject({ ctx: await userCtx("ENGINEER"), slug: w.granted.slug, permission: "token:manage" }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      resolveProject({ ctx: await userCtx("COMPLIANCE_LEAD"), slug: w.granted.slug, permission: "token:manage" }),
    ).resolves.toMatchObject({ id: w.granted.id });
    const auditor = await makeUser({ role: "AUDITOR" });
    await makeAudit({
      lead: w.lead,
      projectIds: [w.granted.id],
      auditors: [{ user: auditor, expiresAt: new Date(NOW.getTime() + 30 * DAY) }],
    });
    await expect(
      resolveProject({ ctx: ctxOf(auditor), slug: w.granted.slug, permission: "evidence:write", write: true }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      resolveProject({ ctx: ctxOf(auditor), slug: w.granted.slug, permission: "evidence:read" }),
    ).resolves.toMatchObject({ id: w.granted.id });
  });

  it("answers an unknown slug with the one not-found sentence, whatever the role", async () => {
    for (const role of ["ADMIN", "ENGINEER", "AUDITOR"] as const) {
      const err = await resolveProject({
        ctx: await userCtx(role),
        slug: "no-such-project",
        permission: "project:read",
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect((err as Error).message).toBe('There is no project "no-such-project" that you can see.');
    }
  });

  it("refuses writes to an archived project (409) but lets it be read", async () => {
    const w = await world();
    const ctx = await userCtx("COMPLIANCE_LEAD");
    await expect(resolveProject({ ctx, slug: w.archived.slug, permission: "evidence:read" })).resolves.toMatchObject({
      id: w.archived.id,
    });
    await expect(
      resolveProject({ ctx, slug: w.archived.slug, permission: "evidence:write", write: true }),
    ).rejects.toThrow(ConflictError);
    await expect(
      resolveProject({ ctx, slug: w.archived.slug, permission: "evidence:write", write: "adding evidence" }),
    ).rejects.toThrow(`The project "${w.archived.slug}" is archived; restore it before adding evidence.`);
  });

  it("shows an auditor only the projects of a live grant: outside it, expired or revoked is the same 404 as no project", async () => {
    const w = await world();
    const live = await makeUser({ role: "AUDITOR" });
    const expired = await makeUser({ role: "AUDITOR" });
    const revoked = await makeUser({ role: "AUDITOR" });
    await makeAudit({
      lead: w.lead,
      projectIds: [w.granted.id],
      auditors: [
        { user: live, expiresAt: new Date(NOW.getTime() + 30 * DAY) },
        { user: expired, expiresAt: new Date(NOW.getTime() - DAY) },
        { user: revoked, expiresAt: new Date(NOW.getTime() + 30 * DAY), revokedAt: new Date(NOW.getTime() - DAY) },
      ],
    });
    await expect(
      resolveProject({ ctx: ctxOf(live), slug: w.granted.slug, permission: "evidence:read", now: NOW }),
    ).resolves.toMatchObject({ id: w.granted.id });
    await expect(
      resolveProject({ ctx: ctxOf(live), slug: w.other.slug, permission: "evidence:read", now: NOW }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      resolveProject({ ctx: ctxOf(expired), slug: w.granted.slug, permission: "evidence:read", now: NOW }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      resolveProject({ ctx: ctxOf(revoked), slug: w.granted.slug, permission: "evidence:read", now: NOW }),
    ).rejects.toThrow(NotFoundError);
    // the live grant itself ends: a request after its expiry no longer sees the project
    await expect(
      resolveProject({
        ctx: ctxOf(live),
        slug: w.granted.slug,
        permission: "evidence:read",
        now: new Date(NOW.getTime() + 31 * DAY),
      }),
    ).rejects.toThrow(NotFoundError);
  });

  it("tells a token of another project so (403), refuses a missing scope, and hides other projects when no permission is named", async () => {
    const w = await world();
    const own = tokenCtx(w.granted.id, ["evidence:write"]);
    await expect(
      resolveProject({ ctx: own, slug: w.granted.slug, permission: "evidence:write", write: true }),
    ).resolves.toMatchObject({ id: w.granted.id });
    await expect(resolveProject({ ctx: own, slug: w.other.slug, permission: "evidence:write" })).rejects.toThrow(
      "This token belongs to another project.",
    );
    await expect(resolveProject({ ctx: own, slug: w.granted.slug, permission: "token:manage" })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(resolveProject({ ctx: own, slug: w.other.slug })).rejects.toThrow(NotFoundError);
    await expect(resolveProject({ ctx: own, slug: w.granted.slug })).resolves.toMatchObject({ id: w.granted.id });
  });

  it("reads inside the caller's transaction", async () => {
    const w = await world();
    const ctx = await userCtx("ADMIN");
    const found = await prisma.$transaction(async (tx) => {
      const renamed = await tx.project.update({ where: { id: w.granted.id }, data: { name: "renamed inside" } });
      const seen = await resolveProject({ ctx, slug: w.granted.slug, permission: "project:read", db: tx });
      expect(seen.name).toBe(renamed.name);
      return seen;
    });
    expect(found.id).toBe(w.granted.id);
  });
});
