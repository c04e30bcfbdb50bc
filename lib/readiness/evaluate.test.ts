import { describe, expect, it } from "vitest";
import { evaluateReadiness } from "@/lib/readiness/evaluate";
import { rankHoldbacks } from "@/lib/readiness/holdbacks";
import {
  T0,
  blocker,
  control,
  daysBefore,
  evidence,
  expect_,
  framework,
  requirement,
  runbook,
} from "@/lib/readiness/testing/facts";
import type { ControlFacts, FrameworkFacts } from "@/lib/readiness/types";

const pass = (days = 1) => expect_("CI_RUN", 30, evidence({ outcome: "PASS", effectiveAt: daysBefore(T0, days) }));
const fail = (days = 2) =>
  expect_(
    "CI_RUN",
    30,
    evidence({
      outcome: "FAIL",
      effectiveAt: daysBefore(T0, days),
      title: "release-check",
      branch: "main",
      evidenceId: "ev-fail",
    }),
  );

function run(fw: FrameworkFacts, controls: ControlFacts[], at = T0) {
  return evaluateReadiness({ at, frameworks: [fw], controls });
}

// A small SOC 2-shaped tree: category CC > families CC6, CC8 > requirements.
function soc2(overrides: Record<string, string[]> = {}, na: Record<string, string> = {}) {
  const g = (refId: string, level: string, parentId: string | null, position: number) =>
    requirement(refId, { level, parentId, assessable: false, position });
  const r = (refId: string, parentId: string, position: number) =>
    requirement(refId, {
      parentId,
      position,
      controlIds: overrides[refId] ?? [],
      notApplicableReason: na[refId] ?? null,
    });
  return framework([
    g("CC", "category", null, 0),
    g("CC6", "family", "CC", 1),
    r("CC6.1", "CC6", 0),
    r("CC6.4", "CC6", 1),
    g("CC8", "family", "CC", 2),
    r("CC8.1", "CC8", 0),
  ]);
}

describe("requirement and framework rule", () => {
  it("with no evidence at all nothing is met, and each requirement names the controls holding it back", () => {
    const res = run(soc2({ "CC6.1": ["ACC-01"], "CC6.4": ["ACC-02"], "CC8.1": ["CHG-01"] }), [
      control("ACC-01", { expectations: [expect_("AUDIT_LOG", 30)] }),
      control("ACC-02", { expectations: [expect_("MANUAL_FILE", 365)] }),
      control("CHG-01", { expectations: [expect_("CI_RUN", 30)] }),
    ]);
    const fw = res.frameworks[0];
    expect(fw).toMatchObject({
      met: 0,
      applicable: 3,
      score: 0,
      controlCounts: { passing: 0, failing: 0, stale: 3, not_applicable: 0 },
    });
    expect(fw.requirements.find((r) => r.refId === "CC8.1")).toMatchObject({
      status: "unmet",
      blockingControlIds: ["CHG-01"],
    });
  });

  it("met needs at least one applicable mapped control, all passing; a requirement with no control is unmet", () => {
    const res = run(soc2({ "CC6.1": ["A", "B"], "CC8.1": ["C"] }), [
      control("A", { expectations: [pass()] }),
      control("B", { expectations: [pass()] }),
      control("C", { expectations: [fail()] }),
    ]);
    const fw = res.frameworks[0];
    const byRef = Object.fromEntries(fw.requirements.map((r) => [r.refId, r]));
    expect(byRef["CC6.1"].status).toBe("met");
    expect(byRef["CC6.4"]).toMatchObject({
      status: "unmet",
      note: "No control is mapped to this requirement, or to any requirement above it, yet.",
    });
    expect(byRef["CC8.1"]).toMatchObject({ status: "unmet", blockingControlIds: ["C"] });
    expect(fw).toMatchObject({ met: 1, applicable: 3 });
    expect(fw.score).toBeCloseTo(1 / 3);
    expect(fw.families).toEqual([
      { id: "CC6", refId: "CC6", title: "Requirement CC6", met: 1, applicable: 2, score: 0.5 },
      { id: "CC8", refId: "CC8", title: "Requirement CC8", met: 0, applicable: 1, score: 0 },
    ]);
    // Groups carry the roll-up for the tree.
    expect(byRef["CC"]).toMatchObject({ status: "group", met: 1, applicable: 3, depth: 0 });
    expect(byRef["CC6.1"].depth).toBe(2);
  });

  it("a not-applicable control is left out; a requirement whose controls are all not applicable is not applicable", () => {
    const res = run(soc2({ "CC6.1": ["A", "B"], "CC6.4": ["N"] }), [
      control("A", { expectations: [pass()] }),
      control("B", { notApplicable: true, justification: "No office" }),
      control("N", { notApplicable: true, justification: "Cloud only" }),
    ]);
    const byRef = Object.fromEntries(res.frameworks[0].requirements.map((r) => [r.refId, r]));
    expect(byRef["CC6.1"].status).toBe("met");
    expect(byRef["CC6.4"]).toMatchObject({
      status: "not_applicable",
      note: "Every control that decides it is marked not applicable for this project (N: Cloud only).",
    });
    expect(res.frameworks[0]).toMatchObject({ met: 1, applicable: 2 });
    expect(res.frameworks[0].controlCounts).toEqual({ passing: 1, failing: 0, stale: 0, not_applicable: 2 });
  });

  it("a requirement not applicable by default is excluded with its reason while no control decides it, and scored once one does", () => {
    const res = run(soc2({ "CC6.1": ["A"] }, { "CC6.4": "Physical access is the cloud provider's." }), [
      control("A", { expectations: [pass()] }),
    ]);
    const fw = res.frameworks[0];
    expect(fw.requirements.find((r) => r.refId === "CC6.4")).toMatchObject({
      status: "not_applicable",
      note: "Physical access is the cloud provider's.",
      blockingControlIds: [],
    });
    expect(fw).toMatchObject({ met: 1, applicable: 2 });
    // Mapping a control says the requirement applies (the one definition coverage uses too): scored.
    const mapped = run(
      soc2({ "CC6.1": ["A"], "CC6.4": ["B"] }, { "CC6.4": "Physical access is the cloud provider's." }),
      [control("A", { expectations: [pass()] }), control("B", { expectations: [fail()] })],
    ).frameworks[0];
    expect(mapped.requirements.find((r) => r.refId === "CC6.4")).toMatchObject({
      status: "unmet",
      note: null,
      blockingControlIds: ["B"],
    });
    expect(mapped).toMatchObject({ met: 1, applicable: 3 });
    expect(mapped.controlCounts.failing).toBe(1);
  });

  it("controls mapped to a parent requirement decide each of its points, and the parent is a group", () => {
    const fw = framework(
      [
        requirement("Chapter IV", { level: "category", assessable: false }),
        requirement("Art. 32", { parentId: "Chapter IV", controlIds: ["CRY-01"] }),
        requirement("Art. 32(1)(a)", { parentId: "Art. 32", level: "point", controlIds: ["CRY-02"], position: 0 }),
        requirement("Art. 32(1)(b)", { parentId: "Art. 32", level: "point", position: 1 }),
      ],
      "gdpr",
    );
    const res = run(fw, [control("CRY-01", { expectations: [fail()] }), control("CRY-02", { expectations: [pass()] })]);
    const byRef = Object.fromEntries(res.frameworks[0].requirements.map((r) => [r.refId, r]));
    expect(byRef["Art. 32"]).toMatchObject({ status: "group", met: 0, applicable: 2 });
    expect(byRef["Art. 32(1)(a)"]).toMatchObject({
      status: "unmet",
      controlIds: ["CRY-01", "CRY-02"],
      blockingControlIds: ["CRY-01"],
    });
    expect(byRef["Art. 32(1)(b)"]).toMatchObject({ status: "unmet", controlIds: ["CRY-01"] });
    // With no "family" level, the top category is the family.
    expect(res.frameworks[0].families).toEqual([
      { id: "Chapter IV", refId: "Chapter IV", title: "Requirement Chapter IV", met: 0, applicable: 2, score: 0 },
    ]);
  });

  it("nothing applicable gives no score (null), not zero", () => {
    const res = run(soc2({}, { "CC6.1": "n/a", "CC6.4": "n/a", "CC8.1": "n/a" }), []);
    expect(res.frameworks[0]).toMatchObject({ met: 0, applicable: 0, score: null });
  });

  it("as of a past date: closing a blocker and a fresh exercise turn the same requirement from unmet to met", () => {
    const facts = (c: ControlFacts) => soc2({ "CC8.1": [c.id] });
    const c = control("CHG-05", {
      expectations: [pass(1)],
      blockers: [blocker({ createdAt: daysBefore(T0, 20), status: "DONE", closedAt: daysBefore(T0, 5) })],
    });
    expect(run(facts(c), [c]).frameworks[0].requirements.find((r) => r.refId === "CC8.1")?.status).toBe("met");
    const past = daysBefore(T0, 10);
    // As of ten days ago the blocker was open (and the CI run of yesterday did not exist: the SQL
    // would not have found it, so its facts would carry the older evidence instead).
    const then = control("CHG-05", { expectations: [pass(12)], blockers: c.blockers });
    expect(run(facts(then), [then], past).frameworks[0].requirements.find((r) => r.refId === "CC8.1")?.status).toBe(
      "unmet",
    );
  });

  it("holdbacks are one per cause, failing first, then by the unmet requirements they hold back, in sentences", () => {
    const rb = runbook({
      title: "restore drill",
      createdAt: daysBefore(T0, 200),
      lastExercise: {
        exerciseId: "x",
        performedAt: daysBefore(T0, 107),
        outcome: "PASS",
        measuredRtoSeconds: null,
        measuredRpoSeconds: null,
      },
    });
    const staleControls = ["B1", "B2", "B3"].map((k) => control(k, { runbooks: [rb] }));
    const missing = control("M", { expectations: [expect_("AUDIT_LOG", 30)] });
    const res = run(soc2({ "CC6.1": ["B1", "M"], "CC6.4": ["B2", "B3"], "CC8.1": ["C"] }), [
      ...staleControls,
      missing,
      control("C", { expectations: [fail(2)] }),
    ]);
    const ranked = rankHoldbacks(res);
    expect(ranked.map((h) => h.sentence)).toEqual([
      "CC8.1 failing: release-check failed on main 2 days ago",
      "CC6.1 and CC6.4 stale: restore drill overdue since 3 Oct 2026",
      "CC6.1 stale: no audit log evidence yet",
    ]);
    expect(ranked[1].controls.map((c) => c.key)).toEqual(["B1", "B2", "B3"]);
    expect(ranked[0].requirements).toEqual([{ framework: "soc2", refId: "CC8.1" }]);
  });

  it("a cause touching more than two requirements is counted in controls", () => {
    const rb = runbook({ title: "restore drill", createdAt: daysBefore(T0, 200) });
    const ids = ["A", "B", "C"];
    const res = run(
      soc2({ "CC6.1": ["A"], "CC6.4": ["B"], "CC8.1": ["C"] }),
      ids.map((k) => control(k, { runbooks: [rb] })),
    );
    expect(rankHoldbacks(res)[0].sentence).toBe("3 controls stale: restore drill overdue since 2 Jul 2026");
  });

  it("is reproducible: the same facts give the same result", () => {
    const fw = soc2({ "CC6.1": ["A"], "CC8.1": ["C"] });
    const controls = [control("A", { expectations: [pass()] }), control("C", { expectations: [fail()] })];
    expect(JSON.stringify(run(fw, controls))).toBe(JSON.stringify(run(fw, [...controls].reverse())));
  });
});
