import { describe, expect, it } from "vitest";
import { evaluateReadiness } from "@/lib/readiness/evaluate";
import { NO_CONTROL_NOTE, RETIRED_NOTE } from "@/lib/readiness/evaluate-framework";
import { T0, control, daysBefore, evidence, expect_, framework, requirement } from "@/lib/readiness/testing/facts";
import type { ControlFacts, FrameworkFacts, RequirementFacts } from "@/lib/readiness/types";

const passing = (key: string) =>
  control(key, {
    expectations: [expect_("CI_RUN", 30, evidence({ outcome: "PASS", effectiveAt: daysBefore(T0, 1) }))],
  });
const stale = (key: string) =>
  control(key, {
    expectations: [expect_("CI_RUN", 30, evidence({ outcome: "PASS", effectiveAt: daysBefore(T0, 45) }))],
  });
const failing = (key: string) =>
  control(key, {
    expectations: [expect_("CI_RUN", 30, evidence({ outcome: "FAIL", effectiveAt: daysBefore(T0, 2) }))],
  });
const na = (key: string) => control(key, { notApplicable: true, justification: "Out of scope" });

const group = (refId: string, parentId: string | null, over: Partial<RequirementFacts> = {}) =>
  requirement(refId, { parentId, level: "family", assessable: false, ...over });
const leaf = (refId: string, parentId: string | null, over: Partial<RequirementFacts> = {}) =>
  requirement(refId, { parentId, ...over });

function evaluate(fw: FrameworkFacts, controls: ControlFacts[]) {
  const res = evaluateReadiness({ at: T0, frameworks: [fw], controls }).frameworks[0];
  return { fw: res, byRef: Object.fromEntries(res.requirements.map((r) => [r.refId, r])) };
}

describe("controls mapped to a group, a family or a category", () => {
  it("a stale control on a non-assessable group decides each of its points: neither is met, and neither says no control is mapped", () => {
    const { fw, byRef } = evaluate(
      framework([
        group("G1", null, { controlIds: ["STALE"] }),
        leaf("G1.a", "G1", { controlIds: ["OK"], position: 0 }),
        leaf("G1.b", "G1", { position: 1 }),
      ]),
      [stale("STALE"), passing("OK")],
    );
    expect(byRef["G1"]).toMatchObject({ status: "group", controlIds: ["STALE"], met: 0, applicable: 2 });
    expect(byRef["G1.a"]).toMatchObject({
      status: "unmet",
      controlIds: ["STALE", "OK"],
      blockingControlIds: ["STALE"],
      inherited: [{ controlId: "STALE", fromRefId: "G1" }],
      note: null,
    });
    expect(byRef["G1.b"]).toMatchObject({
      status: "unmet",
      controlIds: ["STALE"],
      blockingControlIds: ["STALE"],
      note: null,
    });
    expect(fw).toMatchObject({
      met: 0,
      applicable: 2,
      score: 0,
      controlCounts: { passing: 1, failing: 0, stale: 1, not_applicable: 0 },
    });
  });

  it("a passing control on a family meets a point that has no control of its own; a category's control reaches three levels down", () => {
    const { fw, byRef } = evaluate(
      framework([
        requirement("CAT", { level: "category", assessable: false, controlIds: ["CAT-C"] }),
        group("FAM", "CAT", { controlIds: ["FAM-C"] }),
        leaf("FAM.1", "FAM", { level: "requirement", assessable: false }),
        leaf("FAM.1.a", "FAM.1", { level: "point", position: 0 }),
        leaf("FAM.1.b", "FAM.1", { level: "point", position: 1, controlIds: ["B"] }),
      ]),
      [passing("CAT-C"), passing("FAM-C"), failing("B")],
    );
    expect(byRef["FAM.1.a"]).toMatchObject({
      status: "met",
      depth: 3,
      familyId: "FAM",
      controlIds: ["CAT-C", "FAM-C"],
      inherited: [
        { controlId: "CAT-C", fromRefId: "CAT" },
        { controlId: "FAM-C", fromRefId: "FAM" },
      ],
    });
    expect(byRef["FAM.1.b"]).toMatchObject({
      status: "unmet",
      controlIds: ["CAT-C", "FAM-C", "B"],
      blockingControlIds: ["B"],
    });
    expect(byRef["FAM.1"]).toMatchObject({ status: "group", controlIds: [], met: 1, applicable: 2 });
    expect(fw.families).toEqual([
      { id: "FAM", refId: "FAM", title: "Requirement FAM", met: 1, applicable: 2, score: 0.5 },
    ]);
  });

  it("a control mapped both to a point and to its group is the point's own, not inherited, and is counted once", () => {
    const { fw, byRef } = evaluate(
      framework([group("G", null, { controlIds: ["A"] }), leaf("G.1", "G", { controlIds: ["A"] })]),
      [passing("A")],
    );
    expect(byRef["G.1"]).toMatchObject({ status: "met", controlIds: ["A"], inherited: [] });
    expect(fw.controlCounts).toEqual({ passing: 1, failing: 0, stale: 0, not_applicable: 0 });
  });

  it("an applicable control on a group keeps a point whose own controls are all not applicable in the score", () => {
    const { byRef } = evaluate(
      framework([group("G", null, { controlIds: ["FAIL"] }), leaf("G.1", "G", { controlIds: ["N"] })]),
      [failing("FAIL"), na("N")],
    );
    expect(byRef["G.1"]).toMatchObject({ status: "unmet", blockingControlIds: ["FAIL"] });
    const allNa = evaluate(
      framework([group("G", null, { controlIds: ["N1"] }), leaf("G.1", "G", { controlIds: ["N2"] })]),
      [na("N1"), na("N2")],
    );
    expect(allNa.byRef["G.1"]).toMatchObject({
      status: "not_applicable",
      note: "Every control that decides it is marked not applicable for this project (N1: Out of scope; N2: Out of scope).",
    });
    expect(allNa.fw).toMatchObject({ met: 0, applicable: 0, score: null });
  });

  it("with no control on the point or above it, the note says so", () => {
    const { byRef } = evaluate(framework([group("G", null), leaf("G.1", "G")]), []);
    expect(byRef["G.1"]).toMatchObject({ status: "unmet", note: NO_CONTROL_NOTE, controlIds: [] });
    expect(NO_CONTROL_NOTE).toBe("No control is mapped to this requirement, or to any requirement above it, yet.");
  });

  it("a requirement with an assessable requirement anywhere beneath it is a group, even through a non-assessable level", () => {
    const { fw, byRef } = evaluate(
      framework([
        leaf("P", null, { controlIds: ["P-C"] }),
        leaf("P.x", "P", { assessable: false }),
        leaf("P.x.1", "P.x"),
      ]),
      [failing("P-C")],
    );
    expect(byRef["P"].status).toBe("group");
    expect(byRef["P.x.1"]).toMatchObject({ status: "unmet", blockingControlIds: ["P-C"] });
    expect(fw).toMatchObject({ met: 0, applicable: 1 });
  });
});

describe("retired requirements", () => {
  it("a retired child does not make its parent a group: the parent is scored again", () => {
    const { fw, byRef } = evaluate(
      framework([leaf("L", null, { controlIds: ["A"] }), leaf("L.1", "L", { retired: true })]),
      [passing("A")],
    );
    expect(byRef["L"]).toMatchObject({ status: "met", retired: false });
    // Retired rows with nothing current beneath them are not gathered; if one is given, it is never scored.
    expect(byRef["L.1"]).toMatchObject({ status: "group", retired: true, note: RETIRED_NOTE, applicable: 0 });
    expect(fw).toMatchObject({ met: 1, applicable: 1 });
  });

  it("a current requirement under a retired parent keeps its place, its family, and what it inherits", () => {
    const { fw, byRef } = evaluate(
      framework([
        group("F", null, { controlIds: ["F-C"] }),
        leaf("F.old", "F", { assessable: false, level: "requirement", retired: true, controlIds: ["OLD-C"] }),
        leaf("F.old.1", "F.old", { level: "point", controlIds: ["OK"] }),
        group("N", null, { notApplicableReason: null }),
        leaf("N.old", "N", { retired: true, notApplicableReason: "Not for teams like ours." }),
        leaf("N.old.1", "N.old", { level: "point", controlIds: ["OK"] }),
        leaf("N.old.2", "N.old", { level: "point" }),
      ]),
      [passing("F-C"), stale("OLD-C"), passing("OK")],
    );
    expect(byRef["F.old"]).toMatchObject({
      status: "group",
      retired: true,
      depth: 1,
      met: 0,
      applicable: 1,
      note: RETIRED_NOTE,
    });
    expect(byRef["F.old.1"]).toMatchObject({
      status: "unmet",
      depth: 2,
      familyId: "F",
      controlIds: ["F-C", "OLD-C", "OK"],
      blockingControlIds: ["OLD-C"],
    });
    // The retired parent passes down its not-applicable reason; it counts only while no control decides
    // the point (lib/catalogue/applicability.ts): N.old.1, decided by OK, applies; N.old.2 does not.
    expect(byRef["N.old.1"]).toMatchObject({ status: "met", familyId: "N", note: null });
    expect(byRef["N.old.2"]).toMatchObject({
      status: "not_applicable",
      familyId: "N",
      note: "Not for teams like ours.",
    });
    expect(fw.families.map((f) => f.refId)).toEqual(["F", "N"]);
    expect(fw).toMatchObject({ met: 1, applicable: 2 });
  });
});

describe("requirements with no family", () => {
  it("scored requirements with no family or category above them count in the framework score under 'Not in a family'", () => {
    const { fw, byRef } = evaluate(
      framework([
        group("F", null, { position: 0 }),
        leaf("F.1", "F", { controlIds: ["A"] }),
        leaf("LOOSE", null, { position: 1, controlIds: ["A"] }),
        leaf("R", null, { position: 2 }),
        leaf("R.1", "R", { controlIds: ["B"] }),
      ]),
      [passing("A"), failing("B")],
    );
    expect(byRef["LOOSE"]).toMatchObject({ status: "met", familyId: null });
    expect(byRef["R.1"]).toMatchObject({ status: "unmet", familyId: null });
    expect(fw.families).toEqual([
      { id: "F", refId: "F", title: "Requirement F", met: 1, applicable: 1, score: 1 },
      { id: "", refId: "", title: "Not in a family", met: 1, applicable: 2, score: 0.5 },
    ]);
    expect(fw).toMatchObject({ met: 2, applicable: 3 });
  });
});
