import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { getProject } from "@/lib/projects/get-project";
import { projectAccessWhere } from "@/lib/core/access/project-access";
import { createAudit } from "@/lib/audits/create-audit";
import { grantAuditor } from "@/lib/audits/grant-auditor";
import { revokeGrant } from "@/lib/audits/revoke-grant";
import { getAudit } from "@/lib/audits/get-audit";
import { listAudits } from "@/lib/audits/list-audits";
import { listAuditEvidence } from "@/lib/audits/list-audit-evidence";
import { evidenceScopeWhere } from "@/lib/core/access/auditor-scope";
import { GET as listProjectsRoute } from "@/app/api/v1/projects/route";
import { GET as auditEvidenceRoute } from "@/app/api/v1/audits/[auditId]/evidence/route";
import { GET as auditRoute } from "@/app/api/v1/audits/[auditId]/route";
import { listEvidence } from "@/lib/evidence/list-evidence";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { readOriginal } from "@/lib/evidence/read-original";
import { call } from "@/tests/api";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";
import { DAY_MS, makeEvidence } from "@/lib/audits/audit-test-data";

const START = new Date("2026-01-01T00:00:00Z");
const END = new Date("2026-06-30T23:59:59.999Z");

async function world() {
  const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
  const auditor = await makeUser({ role: "AUDITOR" });
  const [inScope, other] = [await makeProject(), await makeProject()];
  const audit = await createAudit({
    ctx: ctxOf(lead),
    data: {
      name: "SOC 2 Type II 2026 H1",
      framework: "soc2",
      projects: [inScope.slug],
      type: "TYPE_II",
      windowStart: "2026-01-01",
      windowEnd: "2026-06-30",
    },
    now: new Date("2025-12-01T00:00:00Z"),
  });
  const before = await makeEvidence({
    projectId: inScope.id,
    effectiveAt: new Date(START.getTime() - DAY_MS),
    title: "before window",
  });
  const inside = await makeEvidence({
    projectId: inScope.id,
    effectiveAt: new Date("2026-03-15T10:00:00Z"),
    title: "inside window",
  });
  const lastMoment = await makeEvidence({ projectId: inScope.id, effectiveAt: END, title: "at window end" });
  const after = await makeEvidence({
    projectId: inScope.id,
    effectiveAt: new Date(END.getTime() + 1),
    title: "after window",
  });
  const otherProject = await makeEvidence({
    projectId: other.id,
    effectiveAt: new Date("2026-03-15T10:00:00Z"),
    title: "other project",
  });
  return { lead, auditor, inScope, other, audit, evidence: { before, inside, lastMoment, after, otherProject } };
}

describe("auditor grants: projects, window and expiry", () => {
  it("stores the window as whole UTC days and records the plan in the activity trail", async () => {
    const { audit, lead } = await world();
    expect(audit.windowStart.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(audit.windowEnd.toISOString()).toBe("2026-06-30T23:59:59.999Z");
    const event = await prisma.activityEvent.findFirstOrThrow({
      where: { entityId: audit.id, action: "audit.create" },
    });
    expect(event.actorId).toBe(lead.id);
    expect(event.summary).toMatchObject({ after: { framework: "soc2", type: "TYPE_II" } });
  });

  it("shows an auditor only the granted audit's projects, and only evidence effective inside the window", async () => {
    const w = await world();
    const now = new Date("2026-07-10T00:00:00Z");
    await grantAuditor({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      data: { userId: w.auditor.id, expiresAt: "2026-08-31" },
      now,
    });
    const ctx = ctxOf(w.auditor);

    const visible = await prisma.project.findMany({ where: projectAccessWhere(ctx.actor, now), select: { id: true } });
    expect(visible.map((p) => p.id)).toEqual([w.inScope.id]);

    const page = await listAuditEvidence({ ctx, auditId: w.audit.id, now, query: { limit: 50 } });
    expect(page.items.map((e) => e.title).sort()).toEqual(["at window end", "inside window"]);

    const scoped = await prisma.evidence.findMany({
      where: { AND: [{ projectId: { in: [w.inScope.id, w.other.id] } }, await evidenceScopeWhere(ctx.actor, now)] },
      select: { title: true },
    });
    expect(scoped.map((e) => e.title).sort()).toEqual(["at window end", "inside window"]);

    // A lead is not narrowed: the same scope helper leaves their queries alone.
    const leadScoped = await prisma.evidence.count({
      where: { AND: [{ projectId: w.inScope.id }, await evidenceScopeWhere(ctxOf(w.lead).actor, now)] },
    });
    expect(leadScoped).toBe(4);
  });

  it("narrows the project evidence table and evidence pages to the window for auditors, with a live grant only", async () => {
    const w = await world();
    const grant = await grantAuditor({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      data: { userId: w.auditor.id, expiresAt: new Date(Date.now() + DAY_MS).toISOString() },
      now: new Date(),
    });
    const auditor = ctxOf(w.auditor);
    const page = await listEvidence({ ctx: auditor, projectSlug: w.inScope.slug, query: { limit: 50 } });
    expect(page.items.map((e) => e.title)).toEqual(["at window end", "inside window"]);
    await expect(
      getEvidence({ ctx: auditor, projectSlug: w.inScope.slug, evidenceId: w.evidence.inside.id }),
    ).resolves.toMatchObject({ id: w.evidence.inside.id });
    await expect(
      getEvidence({ ctx: auditor, projectSlug: w.inScope.slug, evidenceId: w.evidence.after.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getEvidence({ ctx: auditor, projectSlug: w.inScope.slug, evidenceId: w.evidence.before.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      listEvidence({ ctx: auditor, projectSlug: w.other.slug, query: { limit: 50 } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Downloads of originals: past the window gate for in-window evidence (this one has no bytes), refused outside it.
    await expect(
      readOriginal({ ctx: auditor, projectSlug: w.inScope.slug, evidenceId: w.evidence.inside.id }),
    ).rejects.toThrow(/has no stored original/);
    await expect(
      readOriginal({ ctx: auditor, projectSlug: w.inScope.slug, evidenceId: w.evidence.after.id }),
    ).rejects.toThrow(/has no evidence/);
    // The lead sees all four of the project's pieces.
    expect(
      (await listEvidence({ ctx: ctxOf(w.lead), projectSlug: w.inScope.slug, query: { limit: 50 } })).items,
    ).toHaveLength(4);

    await revokeGrant({ ctx: ctxOf(w.lead), auditId: w.audit.id, grantId: grant.id, now: new Date() });
    await expect(
      listEvidence({ ctx: auditor, projectSlug: w.inScope.slug, query: { limit: 50 } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("treats a Type I audit's window as the evidence in force at that moment", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const auditor = await makeUser({ role: "AUDITOR" });
    const project = await makeProject();
    const audit = await createAudit({
      ctx: ctxOf(lead),
      data: {
        name: "Type I as of March",
        framework: "soc2",
        projects: [project.slug],
        type: "TYPE_I",
        windowEnd: "2026-03-31",
      },
      now: new Date("2026-04-01T00:00:00Z"),
    });
    expect(audit.windowStart.getTime()).toBe(audit.windowEnd.getTime());
    await makeEvidence({
      projectId: project.id,
      effectiveAt: new Date("2026-03-01T00:00:00Z"),
      expiresAt: new Date("2026-05-01T00:00:00Z"),
      title: "in force",
    });
    await makeEvidence({
      projectId: project.id,
      effectiveAt: new Date("2026-01-01T00:00:00Z"),
      expiresAt: new Date("2026-02-01T00:00:00Z"),
      title: "expired before",
    });
    await makeEvidence({ projectId: project.id, effectiveAt: new Date("2026-04-02T00:00:00Z"), title: "later" });
    const now = new Date("2026-04-05T00:00:00Z");
    await grantAuditor({
      ctx: ctxOf(lead),
      auditId: audit.id,
      data: { userId: auditor.id, expiresAt: "2026-05-01" },
      now,
    });
    const page = await listAuditEvidence({ ctx: ctxOf(auditor), auditId: audit.id, now, query: { limit: 50 } });
    expect(page.items.map((e) => e.title)).toEqual(["in force"]);
  });

  it("ends access at expiry: the same auditor is refused from the next request on, with the date it ended", async () => {
    const w = await world();
    const grantedAt = new Date("2026-07-01T00:00:00Z");
    await grantAuditor({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      data: { userId: w.auditor.id, expiresAt: "2026-07-15" },
      now: grantedAt,
    });
    const ctx = ctxOf(w.auditor);
    await expect(
      getAudit({ ctx, auditId: w.audit.id, now: new Date("2026-07-15T23:59:59.000Z") }),
    ).resolves.toMatchObject({ id: w.audit.id });
    const late = new Date("2026-07-16T00:00:00.000Z");
    const err = await getAudit({ ctx, auditId: w.audit.id, now: late }).catch((e) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.message).toBe(
      `Your access to the audit "SOC 2 Type II 2026 H1" ended on 15 Jul 2026. Ask the audit's lead to extend it.`,
    );
    expect((await listAudits({ ctx, now: late })).items).toEqual([]);
    expect(await prisma.evidence.count({ where: await evidenceScopeWhere(ctx.actor, late) })).toBe(0);
    expect(await prisma.project.count({ where: projectAccessWhere(ctx.actor, late) })).toBe(0);
  });

  it("ends access at revocation, at the API, on the very next request", async () => {
    const w = await world();
    const far = new Date(Date.now() + 30 * DAY_MS).toISOString();
    const grant = await grantAuditor({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      data: { userId: w.auditor.id, expiresAt: far },
      now: new Date(),
    });
    const projects = await call(listProjectsRoute, { asUser: w.auditor.id });
    expect(projects.status).toBe(200);
    expect(projects.body.items.map((p: { slug: string }) => p.slug)).toEqual([w.inScope.slug]);
    const evidence = await call(auditEvidenceRoute, {
      asUser: w.auditor.id,
      params: { auditId: w.audit.id },
      path: `/api/v1/audits/${w.audit.id}/evidence`,
    });
    expect(evidence.status).toBe(200);
    expect(evidence.body.items.map((e: { title: string }) => e.title).sort()).toEqual([
      "at window end",
      "inside window",
    ]);
    await expect(getProject({ ctx: ctxOf(w.auditor), slug: w.inScope.slug })).resolves.toMatchObject({
      id: w.inScope.id,
    });
    await expect(getProject({ ctx: ctxOf(w.auditor), slug: w.other.slug })).rejects.toBeInstanceOf(NotFoundError);

    await revokeGrant({ ctx: ctxOf(w.lead), auditId: w.audit.id, grantId: grant.id, now: new Date() });
    const refused = await call(auditRoute, { asUser: w.auditor.id, params: { auditId: w.audit.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/^Your access to the audit "SOC 2 Type II 2026 H1" was revoked on /);
    expect((await call(listProjectsRoute, { asUser: w.auditor.id })).body.items).toEqual([]);
    await expect(getProject({ ctx: ctxOf(w.auditor), slug: w.inScope.slug })).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await prisma.activityEvent.count({
        where: { entityId: grant.id, action: { in: ["audit.grant", "audit.grant_revoke"] } },
      }),
    ).toBe(2);
  });

  it("hides audits the auditor holds no grant for (404), and does not let a grant on one audit open another", async () => {
    const w = await world();
    const second = await world();
    const now = new Date();
    await grantAuditor({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      data: { userId: w.auditor.id, expiresAt: new Date(Date.now() + DAY_MS).toISOString() },
      now,
    });
    const res = await call(auditRoute, { asUser: w.auditor.id, params: { auditId: second.audit.id } });
    expect(res.status).toBe(404);
    const evidence = await call(auditEvidenceRoute, { asUser: w.auditor.id, params: { auditId: second.audit.id } });
    expect(evidence.status).toBe(404);
    expect((await listAudits({ ctx: ctxOf(w.auditor), now })).items.map((a) => a.id)).toEqual([w.audit.id]);
  });

  it("grants only to active auditors, only into the future, and extends a live grant instead of stacking another", async () => {
    const w = await world();
    const now = new Date("2026-07-01T00:00:00Z");
    const engineer = await makeUser({ role: "ENGINEER" });
    const notAuditor = await grantAuditor({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      data: { userId: engineer.id, expiresAt: "2026-08-01" },
      now,
    }).catch((e) => e);
    expect(notAuditor).toBeInstanceOf(InvalidInputError);
    expect(notAuditor.issues).toEqual([{ path: "userId", message: "Choose an active user with the Auditor role" }]);
    const past = await grantAuditor({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      data: { userId: w.auditor.id, expiresAt: "2026-06-30" },
      now,
    }).catch((e) => e);
    expect(past).toBeInstanceOf(InvalidInputError);
    expect(await prisma.auditorGrant.count({ where: { auditId: w.audit.id } })).toBe(0);

    const first = await grantAuditor({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      data: { userId: w.auditor.id, expiresAt: "2026-08-01" },
      now,
    });
    const again = await grantAuditor({
      ctx: ctxOf(w.lead),
      auditId: w.audit.id,
      data: { userId: w.auditor.id, expiresAt: "2026-09-01" },
      now,
    });
    expect(again.id).toBe(first.id);
    expect(again.expiresAt.toISOString()).toBe("2026-09-01T23:59:59.999Z");
    expect(await prisma.auditorGrant.count({ where: { auditId: w.audit.id } })).toBe(1);
    const extended = await prisma.activityEvent.findFirstOrThrow({
      where: { entityId: first.id, action: "audit.grant_extend" },
    });
    expect(extended.summary).toMatchObject({
      before: { expiresAt: "2026-08-01T23:59:59.999Z" },
      after: { expiresAt: "2026-09-01T23:59:59.999Z" },
    });

    const auditorTries = await grantAuditor({
      ctx: ctxOf(w.auditor),
      auditId: w.audit.id,
      data: { userId: w.auditor.id, expiresAt: "2027-01-01" },
      now,
    }).catch((e) => e);
    expect(auditorTries).toBeInstanceOf(ForbiddenError);
  });

  it("refuses an audit with a window that ends before it starts, or an unknown project, writing nothing", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const before = await prisma.audit.count();
    const backwards = await createAudit({
      ctx: ctxOf(lead),
      data: {
        name: "Backwards",
        framework: "soc2",
        projects: [project.slug],
        type: "TYPE_II",
        windowStart: "2026-06-30",
        windowEnd: "2026-01-01",
      },
      now: new Date(),
    }).catch((e) => e);
    expect(backwards).toBeInstanceOf(InvalidInputError);
    expect(backwards.issues).toEqual([{ path: "windowEnd", message: "The window must end after it starts" }]);
    const unknown = await createAudit({
      ctx: ctxOf(lead),
      data: {
        name: "Unknown",
        framework: "soc2",
        projects: [project.slug, "no-such-project"],
        type: "TYPE_II",
        windowStart: "2026-01-01",
        windowEnd: "2026-06-30",
      },
      now: new Date(),
    }).catch((e) => e);
    expect(unknown.issues).toEqual([{ path: "projects", message: 'No active project "no-such-project"' }]);
    expect(await prisma.audit.count()).toBe(before);
  });
});
