import { describe, expect, it } from "vitest";
import { evaluateControl, runbookDueAt } from "@/lib/readiness/evaluate-control";
import { describeReason, duration } from "@/lib/readiness/describe-reason";
import { T0, blocker, control, daysBefore, evidence, expect_, runbook } from "@/lib/readiness/testing/facts";

const DAY = 86_400_000;

describe("control rule", () => {
  it("with no evidence at all, every expected kind is missing and the control is stale", () => {
    const r = evaluateControl(
      control("CHG-01", { expectations: [expect_("CI_RUN", 30), expect_("PULL_REQUEST", 30)] }),
      T0,
    );
    expect(r.state).toBe("stale");
    expect(r.reasons.map((x) => [x.type, "kind" in x ? x.kind : null])).toEqual([
      ["evidence-missing", "CI_RUN"],
      ["evidence-missing", "PULL_REQUEST"],
    ]);
    expect(describeReason(r.reasons[0], T0)).toBe("no CI run evidence yet");
  });

  it("a control marked not applicable is not applicable whatever its evidence says, and keeps its justification", () => {
    const failed = evidence({ outcome: "FAIL", effectiveAt: daysBefore(T0, 1) });
    const r = evaluateControl(
      control("PRV-09", {
        notApplicable: true,
        justification: "No EU data",
        expectations: [expect_("CI_RUN", 30, failed)],
        blockers: [blocker()],
      }),
      T0,
    );
    expect(r).toMatchObject({ state: "not_applicable", reasons: [], justification: "No EU data" });
  });

  it("passing evidence is fresh until the instant effectiveAt + freshnessDays, and stale from that instant on", () => {
    const effectiveAt = daysBefore(T0, 30);
    const c = control("BCK-01", { expectations: [expect_("BACKUP", 30, evidence({ outcome: "PASS", effectiveAt }))] });
    expect(evaluateControl(c, new Date(T0.getTime() - 1)).state).toBe("passing");
    const atBoundary = evaluateControl(c, T0);
    expect(atBoundary.state).toBe("stale");
    expect(atBoundary.reasons[0]).toMatchObject({ type: "evidence-expired", expiredAt: T0 });
    expect(atBoundary.expectations[0].latest?.expiresAt).toEqual(T0);
    expect(describeReason(atBoundary.reasons[0], T0)).toBe("ci (backup record) expired on 20 Oct 2026");
  });

  it("only the newest evidence counts: fail then pass is passing, pass then fail is failing", () => {
    // The facts hold the newest evidence per kind (chosen in SQL), so "then" means the newer row.
    const pass = evidence({ outcome: "PASS", effectiveAt: daysBefore(T0, 1) });
    const fail = evidence({ outcome: "FAIL", effectiveAt: daysBefore(T0, 2), title: "release-check", branch: "main" });
    expect(evaluateControl(control("CHG-02", { expectations: [expect_("CI_RUN", 30, pass)] }), T0).state).toBe(
      "passing",
    );
    const r = evaluateControl(control("CHG-02", { expectations: [expect_("CI_RUN", 30, fail)] }), T0);
    expect(r.state).toBe("failing");
    expect(describeReason(r.reasons[0], T0)).toBe("release-check failed on main 2 days ago");
  });

  it("a failure stays failing after its freshness runs out (nothing newer replaced it)", () => {
    const fail = evidence({ outcome: "FAIL", effectiveAt: daysBefore(T0, 100) });
    const r = evaluateControl(control("SDL-01", { expectations: [expect_("SAST_SCAN", 30, fail)] }), T0);
    expect(r.state).toBe("failing");
    expect(r.reasons.map((x) => x.type)).toEqual(["evidence-failed"]);
  });

  it("WARN evidence passes with a note; INFO passes silently", () => {
    const warn = evaluateControl(
      control("SDL-02", {
        expectations: [
          expect_("TEST_REPORT", 30, evidence({ outcome: "WARN", effectiveAt: daysBefore(T0, 1), title: "unit" })),
        ],
      }),
      T0,
    );
    expect(warn.state).toBe("passing");
    expect(warn.notes).toEqual(['The newest test report ("unit") passed with warnings.']);
    const info = evaluateControl(
      control("GOV-01", {
        expectations: [expect_("MANUAL_FILE", 395, evidence({ outcome: "INFO", effectiveAt: daysBefore(T0, 10) }))],
      }),
      T0,
    );
    expect(info).toMatchObject({ state: "passing", notes: [] });
  });

  it("failing outranks stale when a control has both kinds of reason", () => {
    const c = control("CHG-03", {
      expectations: [
        expect_("CI_RUN", 30, evidence({ outcome: "FAIL", effectiveAt: daysBefore(T0, 1) })),
        expect_("PULL_REQUEST", 30),
      ],
    });
    const r = evaluateControl(c, T0);
    expect(r.state).toBe("failing");
    expect(r.reasons.map((x) => x.severity)).toEqual(["failing", "stale"]);
  });

  it("an open blocker fails the control; once closed it no longer does; before it was opened it did not", () => {
    const pass = expect_("CI_RUN", 30, evidence({ outcome: "PASS", effectiveAt: daysBefore(T0, 1) }));
    const open = control("CHG-04", { expectations: [pass], blockers: [blocker({ createdAt: daysBefore(T0, 10) })] });
    const r = evaluateControl(open, T0);
    expect(r.state).toBe("failing");
    expect(describeReason(r.reasons[0], T0)).toBe('blocker REL-001 "Sign release images" open since 10 Oct 2026');

    const closed = control("CHG-04", {
      expectations: [pass],
      blockers: [blocker({ createdAt: daysBefore(T0, 10), status: "DONE", closedAt: daysBefore(T0, 2) })],
    });
    expect(evaluateControl(closed, T0).state).toBe("passing");
    // As of a day when it was still open, the closed blocker counts again.
    expect(evaluateControl(closed, daysBefore(T0, 3)).state).toBe("failing");
    // Before it was created it did not exist.
    expect(evaluateControl(closed, daysBefore(T0, 11)).reasons.some((x) => x.type === "blocker-open")).toBe(false);
    // Done without a closing time counts as closed; in progress counts as open.
    expect(
      evaluateControl(
        control("X", { expectations: [pass], blockers: [blocker({ status: "DONE", closedAt: null })] }),
        T0,
      ).state,
    ).toBe("passing");
    expect(
      evaluateControl(control("X", { expectations: [pass], blockers: [blocker({ status: "IN_PROGRESS" })] }), T0).state,
    ).toBe("failing");
  });

  it("a runbook exercise falls due one cadence after the last one, and is overdue from that instant", () => {
    const rb = runbook({
      cadenceDays: 90,
      lastExercise: {
        exerciseId: "x1",
        performedAt: daysBefore(T0, 90),
        outcome: "PASS",
        measuredRtoSeconds: null,
        measuredRpoSeconds: null,
      },
    });
    expect(runbookDueAt(rb)).toEqual(T0);
    const c = control("BCK-02", { runbooks: [rb] });
    expect(evaluateControl(c, new Date(T0.getTime() - 1)).state).toBe("passing");
    const r = evaluateControl(c, T0);
    expect(r.state).toBe("stale");
    expect(describeReason(r.reasons[0], T0)).toBe("Restore drill overdue since 20 Oct 2026");
  });

  it("a never-exercised runbook falls due one cadence after it was created; before it existed it does not count", () => {
    const rb = runbook({ createdAt: daysBefore(T0, 100), cadenceDays: 90 });
    expect(evaluateControl(control("BCK-02", { runbooks: [rb] }), T0).reasons[0]).toMatchObject({
      type: "exercise-overdue",
      dueAt: daysBefore(T0, 10),
      lastPerformedAt: null,
    });
    // As of a day before the runbook was created, nothing proves the control.
    expect(
      evaluateControl(control("BCK-02", { runbooks: [rb] }), daysBefore(T0, 101)).reasons.map((x) => x.type),
    ).toEqual(["no-proof"]);
    // Exercises recorded from before the runbook was written down in Proofline make it count from then.
    const older = runbook({
      createdAt: daysBefore(T0, 10),
      lastExercise: {
        exerciseId: "x0",
        performedAt: daysBefore(T0, 50),
        outcome: "FAIL",
        measuredRtoSeconds: null,
        measuredRpoSeconds: null,
      },
    });
    expect(evaluateControl(control("BCK-02", { runbooks: [older] }), daysBefore(T0, 40)).state).toBe("failing");
    // An archived runbook stops counting from its archiving.
    const archived = runbook({ archivedAt: daysBefore(T0, 5), createdAt: daysBefore(T0, 100) });
    expect(evaluateControl(control("BCK-02", { runbooks: [archived] }), T0).reasons.map((x) => x.type)).toEqual([
      "no-proof",
    ]);
  });

  it("a failed or partial exercise fails the control, and so does a passing one over its RTO target", () => {
    const ex = (outcome: "PASS" | "FAIL" | "PARTIAL", rto: number | null = null) => ({
      exerciseId: "x",
      performedAt: daysBefore(T0, 5),
      outcome,
      measuredRtoSeconds: rto,
      measuredRpoSeconds: null,
    });
    expect(evaluateControl(control("B", { runbooks: [runbook({ lastExercise: ex("FAIL") })] }), T0).state).toBe(
      "failing",
    );
    const partial = evaluateControl(control("B", { runbooks: [runbook({ lastExercise: ex("PARTIAL") })] }), T0);
    expect(describeReason(partial.reasons[0], T0)).toBe("Restore drill only partly succeeded on 15 Oct 2026");
    const slow = evaluateControl(
      control("B", { runbooks: [runbook({ rtoTargetSeconds: 3600, lastExercise: ex("PASS", 3 * 3600) })] }),
      T0,
    );
    expect(slow.state).toBe("failing");
    expect(describeReason(slow.reasons[0], T0)).toBe("Restore drill on 15 Oct 2026 took RTO 3 h, over the 1 h target");
    expect(
      evaluateControl(
        control("B", { runbooks: [runbook({ rtoTargetSeconds: 3600, lastExercise: ex("PASS", 3600) })] }),
        T0,
      ).state,
    ).toBe("passing");
  });

  it("a missed target is written precisely enough that the measure and the target never read the same", () => {
    const ex = (rto: number, rpo: number | null = null) => ({
      exerciseId: "x",
      performedAt: daysBefore(T0, 5),
      outcome: "PASS" as const,
      measuredRtoSeconds: rto,
      measuredRpoSeconds: rpo,
    });
    const justOver = evaluateControl(
      control("B", { runbooks: [runbook({ rtoTargetSeconds: 3600, lastExercise: ex(3601) })] }),
      T0,
    );
    expect(justOver.state).toBe("failing");
    expect(describeReason(justOver.reasons[0], T0)).toBe(
      "Restore drill on 15 Oct 2026 took RTO 1 h 1 s, over the 1 h target",
    );
    const rpo = evaluateControl(
      control("B", { runbooks: [runbook({ rpoTargetSeconds: 900, lastExercise: ex(60, 5430) })] }),
      T0,
    );
    expect(describeReason(rpo.reasons[0], T0)).toBe(
      "Restore drill on 15 Oct 2026 took RPO 1 h 30 min 30 s, over the 15 min target",
    );
    expect([duration(0), duration(59), duration(61), duration(86_400 * 3)]).toEqual([
      "0 s",
      "59 s",
      "1 min 1 s",
      "72 h",
    ]);
  });

  it("an exercised runbook without a cadence proves the control; the no-proof sentence says so", () => {
    const exercised = runbook({
      cadenceDays: null,
      lastExercise: {
        exerciseId: "x",
        performedAt: daysBefore(T0, 300),
        outcome: "PASS",
        measuredRtoSeconds: null,
        measuredRpoSeconds: null,
      },
    });
    expect(evaluateControl(control("GOV-10", { runbooks: [exercised] }), T0)).toMatchObject({
      state: "passing",
      reasons: [],
    });
    const neverRun = evaluateControl(control("GOV-10", { runbooks: [runbook({ cadenceDays: null })] }), T0);
    expect(neverRun.reasons).toEqual([{ type: "no-proof", severity: "stale" }]);
    expect(describeReason(neverRun.reasons[0], T0)).toBe(
      "nothing is expected to prove it (no evidence kind, and no linked runbook that is scheduled or has been exercised)",
    );
  });

  it("a control with no expected evidence and no scheduled runbook cannot be shown to run: stale", () => {
    const r = evaluateControl(control("GOV-09"), T0);
    expect(r.state).toBe("stale");
    expect(r.reasons).toEqual([{ type: "no-proof", severity: "stale" }]);
  });

  it("as of a past date, the same evidence can be fresh that it is stale today", () => {
    const c = control("LOG-01", {
      expectations: [expect_("AUDIT_LOG", 7, evidence({ outcome: "PASS", effectiveAt: daysBefore(T0, 10) }))],
    });
    expect(evaluateControl(c, T0).state).toBe("stale");
    expect(evaluateControl(c, daysBefore(T0, 5)).state).toBe("passing");
    expect(evaluateControl(c, new Date(T0.getTime() - 3 * DAY - 1)).state).toBe("passing");
  });
});
