import { describe, expect, it } from "vitest";
import {
  GATE_FAILED_DAYS_AGO,
  LAST_DRILL_DAYS_AGO,
  planDemoEvidence,
  type DemoTarget,
} from "@/lib/readiness/demo-history";

const NOW = new Date("2026-11-20T12:00:00Z");
const DAY = 86_400_000;
const targets: DemoTarget[] = [
  { controlKey: "CHG-04", controlTitle: "Release gate", kind: "CI_RUN", freshnessDays: 14 },
  { controlKey: "CHG-04", controlTitle: "Release gate", kind: "DEPLOYMENT", freshnessDays: 30 },
  { controlKey: "SDL-02", controlTitle: "Dependency audit", kind: "DEPENDENCY_AUDIT", freshnessDays: 7 },
  { controlKey: "BCK-02", controlTitle: "Restore drill", kind: "RESTORE_DRILL", freshnessDays: 100 },
  { controlKey: "GOV-01", controlTitle: "Policies", kind: "MANUAL_FILE", freshnessDays: 395 },
  ...Array.from({ length: 40 }, (_, i) => ({
    controlKey: `X-${i}`,
    controlTitle: `Control ${i}`,
    kind: "TEST_REPORT" as const,
    freshnessDays: 30,
  })),
];
const ago = (d: Date) => (NOW.getTime() - d.getTime()) / DAY;

describe("demo story evidence", () => {
  it("is the same plan for the same project and day", () => {
    expect(planDemoEvidence("lexecon", "improving", targets, NOW)).toEqual(
      planDemoEvidence("lexecon", "improving", [...targets].reverse(), NOW),
    );
  });

  it("regressing: the release gate and the dependency audit fail on every run since the gate broke, and no deployment follows", () => {
    const plan = planDemoEvidence("mlsdm-engine", "regressing", targets, NOW);
    const gate = plan.filter((e) => e.controlKey === "CHG-04" && e.kind === "CI_RUN");
    expect(gate.every((e) => e.title === "release-gate")).toBe(true);
    expect(gate.filter((e) => ago(e.effectiveAt) > GATE_FAILED_DAYS_AGO + 1).every((e) => e.outcome === "PASS")).toBe(
      true,
    );
    const after = plan.filter(
      (e) => (e.controlKey === "CHG-04" || e.controlKey === "SDL-02") && ago(e.effectiveAt) < GATE_FAILED_DAYS_AGO,
    );
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((e) => e.outcome === "FAIL" && e.kind !== "DEPLOYMENT")).toBe(true);
  });

  it("drill overdue: the last restore drill report is from 110 days ago", () => {
    const drills = planDemoEvidence("report-ai-portal", "drill-overdue", targets, NOW).filter(
      (e) => e.kind === "RESTORE_DRILL",
    );
    expect(drills.map((e) => Math.floor(ago(e.effectiveAt)))).toEqual([200, LAST_DRILL_DAYS_AGO]);
  });

  it("improving: fewer controls have evidence at the start of the period than at its end; documents never fail", () => {
    const plan = planDemoEvidence("lexecon", "improving", targets, NOW);
    const coveredAt = (days: number) =>
      new Set(plan.filter((e) => ago(e.effectiveAt) >= days).map((e) => e.controlKey)).size;
    expect(coveredAt(80)).toBeLessThan(coveredAt(40));
    expect(coveredAt(40)).toBeLessThan(coveredAt(0));
    expect(plan.filter((e) => e.kind === "MANUAL_FILE").every((e) => e.outcome === "INFO")).toBe(true);
  });
});
