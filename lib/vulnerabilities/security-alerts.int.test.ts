import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as secretRoute } from "@/app/api/v1/projects/[slug]/github/secret/route";
import { GET as getPolicyRoute, PUT as putPolicyRoute } from "@/app/api/v1/projects/[slug]/remediation-policy/route";
import { GET as dashboardRoute } from "@/app/api/v1/projects/[slug]/security-alerts/route";
import { call } from "@/tests/api";
import { deliverGithub } from "@/lib/evidence/testing/github-delivery";
import { makeProject, makeUser, uniq } from "@/tests/factories";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { describeReason } from "@/lib/readiness/describe-reason";
import { fileEvidence } from "@/lib/readiness/testing/filed-evidence";
import { systemCtx } from "@/lib/auth/actor";

const DAY = 86_400_000;
const NOW = new Date();
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const iso = (d: Date) => d.toISOString();
const repository = { full_name: "example/ledger" };

/** A project assessed against a framework with a dependency-audit control and a code-scanning control, both with passing evidence from 70 days ago, fresh for a year. */
async function setup() {
  const project = await makeProject();
  const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
  const created = await call(secretRoute, { method: "POST", params: { slug: project.slug }, asUser: lead.id });
  const secret: string = created.body.secret;
  const fw = await prisma.framework.create({
    data: { key: uniq("fw"), name: "Vulnerability management", version: "1" },
  });
  await prisma.projectFramework.create({ data: { projectId: project.id, frameworkId: fw.id } });
  const controls: Record<string, string> = {};
  for (const [name, kind] of [
    ["deps", "DEPENDENCY_AUDIT"],
    ["sast", "SAST_SCAN"],
  ] as const) {
    const control = await prisma.control.create({
      data: { key: uniq(name.toUpperCase()), title: name, description: "", frequency: "DAILY" },
    });
    await prisma.controlExpectation.create({ data: { controlId: control.id, kind, freshnessDays: 365 } });
    const req = await prisma.requirement.create({
      data: { frameworkId: fw.id, refId: `R-${name}`, level: "requirement", title: name },
    });
    await prisma.controlMapping.create({ data: { controlId: control.id, requirementId: req.id } });
    await fileEvidence({
      projectId: project.id,
      controlId: control.id,
      kind,
      outcome: "PASS",
      title: `${name} scan`,
      effectiveAt: ago(70),
    });
    controls[name] = control.key;
  }
  const deliver = (event: string, payload: unknown) =>
    deliverGithub({
      slug: project.slug,
      event,
      body: JSON.stringify(payload),
      deliveryId: uniq("d"),
      sign: { secret },
    });
  const readiness = async (at: Date) => {
    const { result } = await computeReadiness({ ctx: systemCtx("test"), projectId: project.id, at });
    const of = (name: string) => result.controls.find((c) => c.key === controls[name])!;
    return { deps: of("deps"), sast: of("sast"), at };
  };
  return { project, lead, deliver, readiness };
}

/** A GitHub alert webhook body: the action, the repository, and an alert opened `openedDaysAgo` days ago
 * (open unless `alert` says otherwise). */
const alertEvent = (action: string, openedDaysAgo: number, alert: Record<string, unknown>) => ({
  action,
  repository,
  alert: { state: "open", created_at: iso(ago(openedDaysAgo)), updated_at: iso(ago(openedDaysAgo)), ...alert },
});

/** The fields a dismissal sets on a Dependabot or code scanning alert, `daysAgo` days ago. */
const dismissed = (daysAgo: number, reason: string) => ({
  state: "dismissed",
  dismissed_at: iso(ago(daysAgo)),
  dismissed_reason: reason,
  updated_at: iso(ago(daysAgo)),
});

const dependabot = (action: string, alert: Record<string, unknown>) =>
  alertEvent(action, 40, {
    number: 7,
    dependency: {
      package: { ecosystem: "npm", name: "tar-stream-lite" },
      manifest_path: "package-lock.json",
      scope: "runtime",
    },
    security_advisory: {
      ghsa_id: "GHSA-7r3f-2c4m-9x1q",
      cve_id: "CVE-2026-31337",
      summary: "Path traversal when extracting archives",
      severity: "high",
    },
    security_vulnerability: {
      package: { ecosystem: "npm", name: "tar-stream-lite" },
      severity: "high",
      vulnerable_version_range: "< 2.4.1",
      first_patched_version: { identifier: "2.4.1" },
    },
    html_url: "https://github.com/example/ledger/security/dependabot/7",
    dismissed_at: null,
    dismissed_reason: null,
    dismissed_comment: null,
    fixed_at: null,
    auto_dismissed_at: null,
    ...alert,
  });

describe("GitHub security alerts: one record per alert, and readiness against the project's deadlines", () => {
  it("a Dependabot alert left open past its deadline turns its control red, with the reason; fixing it turns it green again", async () => {
    const { project, deliver, readiness } = await setup();
    const created = await deliver("dependabot_alert", dependabot("created", {}));
    expect([created.status, created.body.status, created.body.severity, created.body.state]).toEqual([
      200,
      "security-alert",
      "high",
      "open",
    ]);

    // High: 30 days by default. Opened 40 days ago, so overdue since 10 days ago.
    const now = await readiness(NOW);
    expect(now.deps.state).toBe("failing");
    expect(now.sast.state).toBe("passing"); // a Dependabot alert holds back only dependency-audit controls
    const reason = now.deps.reasons.find((r) => r.type === "alert-overdue")!;
    expect(reason).toMatchObject({
      type: "alert-overdue",
      severity: "failing",
      source: "dependabot",
      repo: "example/ledger",
      number: 7,
      alertSeverity: "high",
      deadlineDays: 30,
    });
    expect(describeReason(reason, NOW)).toMatch(
      /^Dependabot alert #7 in example\/ledger \(high, "tar-stream-lite: Path traversal when extracting archives"\) open since .+, past its 30-day deadline of /,
    );
    // Before its deadline it held nothing back.
    expect((await readiness(ago(15))).deps.state).toBe("passing");
    // Time alone turns it red at the deadline (the readiness store must not keep the earlier answer).
    expect((await readiness(ago(5))).deps.state).toBe("failing");

    const fixed = await deliver(
      "dependabot_alert",
      dependabot("fixed", { state: "fixed", fixed_at: iso(ago(1)), updated_at: iso(ago(1)) }),
    );
    expect([fixed.status, fixed.body.state]).toEqual([200, "fixed"]);
    expect((await readiness(NOW)).deps.state).toBe("passing");
    // As of three days ago it was still open and overdue: history stays true.
    expect((await readiness(ago(3))).deps.state).toBe("failing");

    const rows = await prisma.securityAlert.findMany({ where: { projectId: project.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: "dependabot",
      number: 7,
      severity: "high",
      state: "fixed",
      closeReason: "fixed",
      kind: "DEPENDENCY_AUDIT",
    });
    expect(rows[0].openedAt.toISOString()).toBe(iso(ago(40)));
    expect(rows[0].closedAt!.toISOString()).toBe(iso(ago(1)));
  });

  it("an older delivery changes nothing; reopening keeps the first opening time; dismissal and auto-dismissal record why", async () => {
    const { project, deliver } = await setup();
    await deliver(
      "dependabot_alert",
      dependabot("dismissed", { ...dismissed(5, "tolerable_risk"), dismissed_comment: "only used in the build" }),
    );
    const stale = await deliver("dependabot_alert", dependabot("created", {}));
    expect([stale.status, stale.body.status, stale.body.reason]).toEqual([
      202,
      "ignored",
      expect.stringMatching(/older/),
    ]);
    let row = await prisma.securityAlert.findFirstOrThrow({ where: { projectId: project.id } });
    expect([row.state, row.closeReason]).toEqual(["dismissed", "dismissed: tolerable_risk (only used in the build)"]);

    await deliver(
      "dependabot_alert",
      dependabot("reopened", { state: "open", created_at: iso(ago(2)), updated_at: iso(ago(2)) }),
    );
    row = await prisma.securityAlert.findFirstOrThrow({ where: { projectId: project.id } });
    expect([row.state, row.closedAt, row.closeReason, row.openedAt.toISOString()]).toEqual([
      "open",
      null,
      null,
      iso(ago(40)),
    ]);

    await deliver(
      "dependabot_alert",
      dependabot("auto_dismissed", {
        state: "auto_dismissed",
        auto_dismissed_at: iso(ago(1)),
        updated_at: iso(ago(1)),
      }),
    );
    row = await prisma.securityAlert.findFirstOrThrow({ where: { projectId: project.id } });
    expect([row.state, row.closeReason, row.closedAt!.toISOString()]).toEqual([
      "auto_dismissed",
      "auto-dismissed",
      iso(ago(1)),
    ]);
    expect(await prisma.securityAlert.count({ where: { projectId: project.id } })).toBe(1);
    expect(await prisma.activityEvent.count({ where: { projectId: project.id, entityType: "SecurityAlert" } })).toBe(3); // the stale delivery wrote nothing
  });

  it("code scanning (security severity, dismissed with a reason) and secret scanning (resolved) alerts hold back code-scan controls", async () => {
    const { project, deliver, readiness } = await setup();
    const code = (action: string, over: Record<string, unknown>) =>
      alertEvent(action, 20, {
        number: 31,
        html_url: "https://github.com/example/ledger/security/code-scanning/31",
        rule: {
          id: "js/sql-injection",
          severity: "error",
          security_severity_level: "critical",
          description: "Database query built from user-controlled sources",
          name: "js/sql-injection",
        },
        tool: { name: "CodeQL", version: "2.19.0" },
        dismissed_at: null,
        dismissed_reason: null,
        fixed_at: null,
        ...over,
      });
    const secret = (action: string, over: Record<string, unknown>) =>
      alertEvent(action, 100, {
        number: 3,
        html_url: "https://github.com/example/ledger/security/secret-scanning/3",
        secret_type: "stripe_live_secret_key",
        secret_type_display_name: "Stripe Live API Secret Key",
        resolution: null,
        resolved_at: null,
        ...over,
      });
    await deliver("code_scanning_alert", code("created", {}));
    let r = await readiness(NOW);
    expect([r.deps.state, r.sast.state]).toEqual(["passing", "failing"]); // critical: 15 days, opened 20 days ago
    expect(r.sast.reasons.find((x) => x.type === "alert-overdue")).toMatchObject({
      source: "code_scanning",
      number: 31,
      alertSeverity: "critical",
      deadlineDays: 15,
    });

    await deliver("code_scanning_alert", code("closed_by_user", dismissed(1, "false positive")));
    expect((await readiness(NOW)).sast.state).toBe("passing");

    await deliver("secret_scanning_alert", secret("created", {}));
    r = await readiness(NOW);
    expect(r.sast.reasons.find((x) => x.type === "alert-overdue")).toMatchObject({
      source: "secret_scanning",
      alertSeverity: "high",
      title: "Exposed secret: Stripe Live API Secret Key",
    });
    await deliver(
      "secret_scanning_alert",
      secret("resolved", {
        state: "resolved",
        resolution: "revoked",
        resolved_at: iso(ago(0.5)),
        updated_at: iso(ago(0.5)),
      }),
    );
    expect((await readiness(NOW)).sast.state).toBe("passing");

    const rows = await prisma.securityAlert.findMany({ where: { projectId: project.id }, orderBy: { number: "asc" } });
    expect(rows.map((x) => [x.source, x.state, x.closeReason])).toEqual([
      ["secret_scanning", "resolved", "resolved: revoked"],
      ["code_scanning", "dismissed", "dismissed: false positive"],
    ]);
  });

  it("the project's deadlines decide: a lead lengthens the high deadline and the control passes; bad deadlines are refused with 422", async () => {
    const { project, lead, deliver, readiness } = await setup();
    await deliver("dependabot_alert", dependabot("created", {}));
    expect((await readiness(NOW)).deps.state).toBe("failing");

    const defaults = await call(getPolicyRoute, { params: { slug: project.slug }, asUser: lead.id });
    expect(defaults.body).toMatchObject({
      criticalDays: 15,
      highDays: 30,
      mediumDays: 90,
      lowDays: 180,
      isDefault: true,
    });

    const putPolicy = (userId: string, body: Record<string, number>) =>
      call(putPolicyRoute, { method: "PUT", params: { slug: project.slug }, asUser: userId, body });
    const bad = await putPolicy(lead.id, { criticalDays: 60, highDays: 45, mediumDays: 90, lowDays: 180 });
    expect([bad.status, bad.body.type]).toEqual([422, "urn:proofline:problem:invalid-input"]);
    const viewer = await makeUser({ role: "ENGINEER" });
    const forbidden = await putPolicy(viewer.id, { criticalDays: 15, highDays: 45, mediumDays: 90, lowDays: 180 });
    expect(forbidden.status).toBe(403);
    expect((await readiness(NOW)).deps.state).toBe("failing");

    const ok = await putPolicy(lead.id, { criticalDays: 15, highDays: 45, mediumDays: 90, lowDays: 180 });
    expect([ok.status, ok.body.highDays, ok.body.isDefault]).toEqual([200, 45, false]);
    expect((await readiness(NOW)).deps.state).toBe("passing");
  });

  it("the dashboard: open alerts by age against the deadline, and time to fix per severity over 90 days", async () => {
    const { project, lead, deliver } = await setup();
    await deliver("dependabot_alert", dependabot("created", {}));
    await deliver(
      "dependabot_alert",
      dependabot("created", {
        number: 8,
        created_at: iso(ago(10)),
        updated_at: iso(ago(10)),
        security_advisory: { summary: "ReDoS", severity: "medium" },
      }),
    );
    const fixed = (number: number, severity: string, summary: string, createdDaysAgo: number, fixedDaysAgo: number) =>
      deliver(
        "dependabot_alert",
        dependabot("fixed", {
          number,
          state: "fixed",
          created_at: iso(ago(createdDaysAgo)),
          fixed_at: iso(ago(fixedDaysAgo)),
          updated_at: iso(ago(fixedDaysAgo)),
          security_advisory: { summary, severity },
        }),
      );
    await fixed(9, "critical", "a", 30, 20);
    await fixed(10, "critical", "b", 50, 10);
    await fixed(11, "low", "old", 200, 120);
    const res = await call(dashboardRoute, { params: { slug: project.slug }, asUser: lead.id });
    expect(res.status).toBe(200);
    expect(
      res.body.openAlerts.map((a: { number: number; ageDays: number; deadlineDays: number; overdue: boolean }) => [
        a.number,
        a.ageDays,
        a.deadlineDays,
        a.overdue,
      ]),
    ).toEqual([
      [7, 40, 30, true],
      [8, 10, 90, false],
    ]);
    expect(res.body.bySeverity).toEqual([
      { severity: "critical", open: 0, overdue: 0 },
      { severity: "high", open: 1, overdue: 1 },
      { severity: "medium", open: 1, overdue: 0 },
      { severity: "low", open: 0, overdue: 0 },
    ]);
    // Critical: fixed in 10 and 40 days (median 25, one within its 15 days); the low one was fixed 120 days ago, outside the window.
    expect(res.body.timeToFix.bySeverity[0]).toEqual({
      severity: "critical",
      fixed: 2,
      medianDays: 25,
      meanDays: 25,
      withinDeadline: 1,
    });
    expect(res.body.timeToFix.bySeverity[3]).toMatchObject({ severity: "low", fixed: 0, medianDays: null });
  });
});
