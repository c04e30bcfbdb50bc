import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GET as dashboardRoute } from "@/app/api/v1/projects/[slug]/security-alerts/route";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";

// The security alerts dashboard is one more auditor read: as of the moment of the audit's window, like
// readiness (ADR 0011). An alert opened after the window is not shown; one fixed after it is still open.

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

async function alert(projectId: string, number: number, openedAt: Date, closedAt: Date | null, severity = "high") {
  return prisma.securityAlert.create({
    data: {
      projectId,
      source: "dependabot",
      repo: "example/ledger",
      number,
      kind: "DEPENDENCY_AUDIT",
      severity,
      title: `Alert ${number}`,
      state: closedAt ? "fixed" : "open",
      openedAt,
      closedAt,
    },
  });
}

describe("the security alerts dashboard for an auditor", () => {
  it("shows open alerts and time to fix as of the window's end, never what happened after it", async () => {
    const { project, lead, auditor } = await makeAuditedProject({
      window: { start: d("2026-01-01"), end: d("2026-06-30") },
    });

    await alert(project.id, 1, d("2026-05-01"), null); // open then and now
    await alert(project.id, 2, d("2026-05-10"), d("2026-08-01")); // open at the window's end, fixed after it
    await alert(project.id, 3, d("2026-09-01"), null); // opened after the window
    await alert(project.id, 4, d("2026-05-01"), d("2026-05-11")); // fixed inside the window (and its last 90 days), in 10 days
    await alert(project.id, 5, d("2026-09-02"), d("2026-09-05")); // fixed after the window

    const lead_ = await call(dashboardRoute, { params: { slug: project.slug }, asUser: lead.id });
    expect(lead_.status).toBe(200);
    expect(lead_.body.openAlerts.map((a: { number: number }) => a.number).sort()).toEqual([1, 3]);

    const seen = await call(dashboardRoute, { params: { slug: project.slug }, asUser: auditor.id });
    expect(seen.status).toBe(200);
    expect(seen.body.at).toBe(d("2026-06-30").toISOString());
    expect(seen.body.openAlerts.map((a: { number: number }) => a.number).sort()).toEqual([1, 2]);
    const high = seen.body.timeToFix.bySeverity.find((r: { severity: string }) => r.severity === "high");
    expect(high).toMatchObject({ fixed: 1, medianDays: 10, withinDeadline: 1 });
    expect(JSON.stringify(seen.body)).not.toContain("Alert 3");
    expect(JSON.stringify(seen.body)).not.toContain("Alert 5");
  });

  it("is not found for an auditor without a grant on the project", async () => {
    const project = await makeProject();
    const auditor = await makeUser({ role: "AUDITOR" });
    await alert(project.id, 1, d("2026-05-01"), null);
    const res = await call(dashboardRoute, { params: { slug: project.slug }, asUser: auditor.id });
    expect(res.status).toBe(404);
  });
});
