import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createRule } from "@/lib/evidence/create-rule";
import { updateRule } from "@/lib/evidence/update-rule";
import { applyRule } from "@/lib/evidence/apply-rule";
import { deleteRule } from "@/lib/evidence/delete-rule";
import { listRules } from "@/lib/evidence/list-rules";
import { mapEvidenceControl, unmapEvidenceControl } from "@/lib/evidence/map-evidence-control";
import { setAuditLogMapping } from "@/lib/evidence/set-audit-log-mapping";
import { recordLink } from "@/lib/evidence/record-link";
import { disconnectBulkDb } from "@/lib/evidence/bulk-db";
import { globMatches } from "@/lib/evidence/rule-match";
import { controlByKey, makeToken, push } from "@/lib/evidence/testing/helpers";
import { fixtureFile } from "@/lib/ingest/testing/corpus";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";
import { ForbiddenError, InvalidInputError } from "@/lib/errors";

afterAll(disconnectBulkDb);

async function world() {
  const project = await makeProject();
  const lead = ctxOf(await makeUser({ role: "COMPLIANCE_LEAD" }));
  const { ctx: ci } = await makeToken(project.id);
  return { project, lead, ci, slug: project.slug };
}

const filedUnder = async (evidenceId: string) =>
  (
    await prisma.evidenceControl.findMany({
      where: { evidenceId },
      select: { via: true, control: { select: { key: true } } },
    })
  )
    .map((r) => `${r.control.key}:${r.via}`)
    .sort();

describe("evidence rules", () => {
  it("files past evidence when a new rule is applied, and re-files when the rule changes", async () => {
    const { lead, ci, slug } = await world();
    const onMain = await push(
      ci,
      slug,
      { file: fixtureFile("junit/jest-mixed.xml") },
      { workflow: "release-check", branch: "main" },
    );
    const onFeature = await push(
      ci,
      slug,
      { file: fixtureFile("junit/go-packages.xml") },
      { workflow: "release-check", branch: "feature/a" },
    );
    const audit = await push(ci, slug, { file: fixtureFile("pip-audit.json") });
    const rule = await createRule({
      ctx: lead,
      projectSlug: slug,
      data: {
        name: "release tests on main",
        kind: "TEST_REPORT",
        format: "junit",
        conditions: { workflow: "release-*", branch: "main" },
        controlKeys: ["CHG-03"],
        enabled: true,
      },
    });
    expect(await filedUnder(onMain.id)).toEqual([]); // a new rule files new evidence only, until applied
    expect(await applyRule({ ctx: lead, projectSlug: slug, ruleId: rule.id })).toEqual({
      matched: 1,
      added: 1,
      removed: 0,
    });
    expect(await filedUnder(onMain.id)).toEqual(["CHG-03:rule"]);
    const chg03 = await controlByKey("CHG-03");
    const expected = new Date(
      onMain.effectiveAt.getTime() +
        chg03.expectations.find((e) => e.kind === "TEST_REPORT")!.freshnessDays * 86_400_000,
    );
    expect((await prisma.evidence.findUniqueOrThrow({ where: { id: onMain.id } })).expiresAt).toEqual(expected);

    await updateRule({
      ctx: lead,
      projectSlug: slug,
      ruleId: rule.id,
      data: { conditions: { workflow: "release-*", branch: "feature/*" }, controlKeys: ["CHG-03", "ACC-02"] },
    });
    expect(await applyRule({ ctx: lead, projectSlug: slug, ruleId: rule.id })).toEqual({
      matched: 1,
      added: 2,
      removed: 1,
    });
    expect(await filedUnder(onMain.id)).toEqual([]);
    expect((await prisma.evidence.findUniqueOrThrow({ where: { id: onMain.id } })).expiresAt).toBeNull();
    expect(await filedUnder(onFeature.id)).toEqual(["ACC-02:rule", "CHG-03:rule"]);
    expect(await filedUnder(audit.id)).toEqual([]);

    const listed = await listRules({ ctx: lead, projectSlug: slug });
    expect(listed.items[0]).toMatchObject({ name: "release tests on main", filings: 2 });
    const actions = (await prisma.activityEvent.findMany({ where: { entityId: rule.id }, orderBy: { id: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual([
      "evidence_rule.create",
      "evidence_rule.apply",
      "evidence_rule.update",
      "evidence_rule.apply",
    ]);

    expect(await deleteRule({ ctx: lead, projectSlug: slug, ruleId: rule.id })).toMatchObject({ filingsRemoved: 2 });
    expect(await filedUnder(onFeature.id)).toEqual([]);
  });

  it("agrees with the in-memory matcher on LIKE special characters", async () => {
    const { project, lead, ci, slug } = await world();
    const names = ["50%_off", "50Xoff", "a_b", "aXb", "back\\slash", "dot.name"];
    for (const name of names)
      await push(
        ci,
        slug,
        JSON.stringify({
          type: "restore-drill",
          name,
          startedAt: "2026-03-01T00:00:00Z",
          finishedAt: "2026-03-01T00:10:00Z",
          outcome: "pass",
        }),
      );
    for (const pattern of ["50%_off", "a_b", "back\\slash", "*.*", "?X?", "50*"]) {
      const rule = await createRule({
        ctx: lead,
        projectSlug: slug,
        data: {
          name: pattern,
          kind: "RESTORE_DRILL",
          format: null,
          conditions: { name: pattern },
          controlKeys: ["BCK-02"],
          enabled: true,
        },
      });
      const { matched } = await applyRule({ ctx: lead, projectSlug: slug, ruleId: rule.id });
      expect(matched, pattern).toBe(names.filter((n) => globMatches(pattern, n)).length);
      await deleteRule({ ctx: lead, projectSlug: slug, ruleId: rule.id });
    }
    expect(await prisma.evidenceControl.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses unknown controls and keeps rules to those allowed to manage them", async () => {
    const { lead, slug } = await world();
    await expect(
      createRule({
        ctx: lead,
        projectSlug: slug,
        data: { name: "x", kind: null, format: null, conditions: {}, controlKeys: ["NOPE-1"], enabled: true },
      }),
    ).rejects.toThrow(InvalidInputError);
    const engineer = ctxOf(await makeUser({ role: "ENGINEER" }));
    await expect(
      createRule({
        ctx: engineer,
        projectSlug: slug,
        data: { name: "x", kind: null, format: null, conditions: {}, controlKeys: ["CHG-03"], enabled: true },
      }),
    ).rejects.toThrow(ForbiddenError);
  });
});

describe("filing by hand, links and audit-log mappings", () => {
  it("maps and unmaps by hand; a manual filing survives re-applying the rule", async () => {
    const { lead, ci, slug } = await world();
    const rule = await createRule({
      ctx: lead,
      projectSlug: slug,
      data: {
        name: "all tests",
        kind: "TEST_REPORT",
        format: null,
        conditions: {},
        controlKeys: ["CHG-03"],
        enabled: true,
      },
    });
    const ev = await push(ci, slug, { file: fixtureFile("junit/pytest-one-failure.xml") });
    expect(ev.controls).toEqual(["CHG-03"]);
    await mapEvidenceControl({ ctx: lead, projectSlug: slug, evidenceId: ev.id, controlKey: "CHG-03" });
    await mapEvidenceControl({ ctx: lead, projectSlug: slug, evidenceId: ev.id, controlKey: "SDL-09" });
    expect(await filedUnder(ev.id)).toEqual(["CHG-03:manual", "SDL-09:manual"]);
    await updateRule({ ctx: lead, projectSlug: slug, ruleId: rule.id, data: { enabled: false } });
    await applyRule({ ctx: lead, projectSlug: slug, ruleId: rule.id });
    expect(await filedUnder(ev.id)).toEqual(["CHG-03:manual", "SDL-09:manual"]);
    await unmapEvidenceControl({ ctx: lead, projectSlug: slug, evidenceId: ev.id, controlKey: "SDL-09" });
    expect(await filedUnder(ev.id)).toEqual(["CHG-03:manual"]);
    await expect(
      unmapEvidenceControl({ ctx: lead, projectSlug: slug, evidenceId: ev.id, controlKey: "SDL-09" }),
    ).rejects.toThrow(/not filed under SDL-09/);
    const auditor = ctxOf(await makeUser({ role: "AUDITOR" }));
    // Auditors never write; this one is not even granted the project, so it stays invisible to them.
    await expect(
      mapEvidenceControl({ ctx: auditor, projectSlug: slug, evidenceId: ev.id, controlKey: "SDL-09" }),
    ).rejects.toThrow(/no project|does not allow/);
    expect(await filedUnder(ev.id)).toEqual(["CHG-03:manual"]);
  });

  it("records a link once per moment, filed by rules like any evidence", async () => {
    const { lead, slug } = await world();
    await createRule({
      ctx: lead,
      projectSlug: slug,
      data: {
        name: "policies",
        kind: "LINK",
        format: null,
        conditions: { name: "*policy*" },
        controlKeys: ["GOV-05"],
        enabled: true,
      },
    });
    const data = {
      url: "https://wiki.example.test/security-policy",
      title: "Reviewed security policy",
      effectiveAt: "2026-02-01T00:00:00Z",
      outcome: "PASS" as const,
    };
    const first = await recordLink({ ctx: lead, projectSlug: slug, data, now: new Date() });
    expect(first).toMatchObject({ status: "created", kind: "LINK", controls: ["GOV-05"] });
    expect((await recordLink({ ctx: lead, projectSlug: slug, data, now: new Date() })).status).toBe("existing");
    expect(
      (
        await recordLink({
          ctx: lead,
          projectSlug: slug,
          data: { ...data, effectiveAt: "2026-03-01T00:00:00Z" },
          now: new Date(),
        })
      ).status,
    ).toBe("created");
  });

  it("reads audit logs through the project's field mapping", async () => {
    const { lead, ci, slug } = await world();
    await setAuditLogMapping({
      ctx: lead,
      projectSlug: slug,
      mapping: { time: "when", actor: "who.name", action: "did" },
    });
    const r = await push(
      ci,
      slug,
      '{"when":"2026-03-01T10:00:00Z","who":{"name":"ops-bot"},"did":"rotate"}\n{"when":"2026-03-01T10:01:00Z","who":{"name":"ops-bot"},"did":"verify"}\n',
      { format: "audit-log" },
    );
    expect(r.summary).toMatchObject({ events: 2, rejected: 0, shapes: [{ key: "mapped", count: 2 }] });
    const events = await prisma.auditEvent.findMany({ where: { evidenceId: r.id }, orderBy: { lineNo: "asc" } });
    expect(events.map((e) => [e.actor, e.action])).toEqual([
      ["ops-bot", "rotate"],
      ["ops-bot", "verify"],
    ]);
  });
});
