// The boundary fixture (testing/boundary-world.ts) evaluated by compute-readiness and by the
// independent SQL; both must give the figures derived by hand from docs/readiness.md.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { makeBoundaryWorld } from "@/lib/readiness/testing/boundary-world";
import { fileEvidence } from "@/lib/readiness/testing/filed-evidence";
import { independentControlStates, independentRequirements } from "@/lib/readiness/testing/independent-sql";
import { NO_CONTROL_NOTE, RETIRED_NOTE } from "@/lib/readiness/evaluate-framework";
import { getFramework } from "@/lib/catalogue/get-framework";
import { listFrameworks } from "@/lib/catalogue/list-frameworks";
import { importFramework } from "@/lib/catalogue/import-framework";
import { systemCtx } from "@/lib/auth/actor";
import { prisma } from "@/lib/db";
import { ctxOf, makeProject, makeUser, uniq } from "@/tests/factories";

const NOW = new Date("2026-11-20T10:30:00.000Z");
const JUST_BEFORE = new Date(NOW.getTime() - 1);

// By hand, from the rule: each scored requirement, its status and its family at NOW. (A32, an
// assessable requirement with assessable points, is a group; so are the retired R.old and R.na.)
const EXPECTED: Record<string, [status: string, family: string | null]> = {
  "KF.1.a": ["unmet", "KF"], // K [N1 n/a] + KF [P1] + KF.1 [S1 stale] + own P2
  "KF.1.b": ["unmet", "KF"], // K + KF + KF.1: S1 stale (not "no control is mapped")
  "KF.2": ["met", "KF"], // N1 n/a, P1, P2
  "KF.3": ["met", "KF"], // only inherited: N1 n/a, P1
  "KG.1": ["not_applicable", "KG"], // only N1, not applicable for the project
  "KG.2.a": ["not_applicable", "KG"], // N1; KG.2's A1 is archived
  "KG.2.b": ["unmet", "KG"], // N1, F1 failing
  "R.old.1": ["unmet", "R"], // retired parent R.old passes down F1
  "R.na.1": ["unmet", "R"], // retired parent R.na is not applicable by default, but F1 (failing) decides it, so it applies
  "R.na.2": ["not_applicable", "R"], // nothing decides it: not applicable by default
  "R.2": ["met", "R"], // its only child R.2.x is retired: R.2 is scored, P3
  "A32.a": ["unmet", "CH"], // A32 [R2 failing: the FAIL of the tied exercises counts] + P1
  "A32.b": ["unmet", "CH"], // R2 failing + R1
  A33: ["met", "CH"], // R1: an exercised runbook without a cadence proves it
  EDGE: ["unmet", null], // E1 stale from exactly effectiveAt + 30 days
  "LOOSE.a": ["unmet", null], // X1: nothing proves it
  "LOOSE.b": ["met", null], // R1
  "LOOSE.c": ["unmet", null], // no control on it or above it
};

const STATES = {
  P1: "passing",
  P2: "passing",
  P3: "passing",
  S1: "stale",
  F1: "failing",
  N1: "not_applicable",
  R1: "passing",
  R2: "failing",
  X1: "stale",
  E1: "stale",
};

describe("readiness at the boundaries: groups, families, retired parents, three-level inheritance", () => {
  it("compute-readiness and the independent SQL both give the hand-derived states, statuses, families and score (5/15, then 6/15 a millisecond earlier)", async () => {
    const w = await makeBoundaryWorld(uniq("bnd").toLowerCase(), NOW);
    const keyOf = (name: string) => w.control[name];

    const { result } = await computeReadiness({ ctx: systemCtx("test"), projectId: w.projectId, at: NOW });
    const fw = result.frameworks[0];

    // Controls: ORPHAN (mapped only to a retired leaf) and A1 (archived) are not gathered.
    const expectedStates = Object.fromEntries(Object.entries(STATES).map(([name, state]) => [keyOf(name), state]));
    expect(Object.fromEntries(result.controls.map((c) => [c.key, c.state]))).toEqual(expectedStates);
    expect(Object.fromEntries(await independentControlStates(w.projectId, NOW))).toEqual(expectedStates);

    // Requirements: the same statuses and families from both computations.
    const byId = new Map(fw.requirements.map((r) => [r.id, r]));
    const actual = fw.requirements
      .filter((r) => r.status !== "group")
      .map((r) => ({ refId: r.refId, status: r.status, family: r.familyId ? byId.get(r.familyId)!.refId : null }))
      .sort((a, b) => a.refId.localeCompare(b.refId));
    const expected = Object.entries(EXPECTED)
      .map(([refId, [status, family]]) => ({ refId, status, family }))
      .sort((a, b) => a.refId.localeCompare(b.refId));
    expect(actual).toEqual(expected);
    const independent = (await independentRequirements(w.projectId, w.frameworkId, NOW)).sort((a, b) =>
      a.refId.localeCompare(b.refId),
    );
    expect(independent).toEqual(expected);

    // The score and the family figures: met 5 of 15 applicable.
    expect(fw).toMatchObject({ met: 5, applicable: 15 });
    expect(fw.score).toBeCloseTo(5 / 15, 12);
    expect(fw.families.map((f) => [f.refId || f.title, f.met, f.applicable])).toEqual([
      ["KF", 2, 4],
      ["KG", 0, 1],
      ["R", 1, 3],
      ["CH", 1, 3],
      ["Not in a family", 1, 4],
    ]);
    expect(fw.controlCounts).toEqual({ passing: 4, failing: 2, stale: 3, not_applicable: 1 });

    // The tree keeps its shape: the retired parents stay in place, the retired leaves without
    // anything current beneath them are gone, and inherited controls name where they come from.
    const byRef = Object.fromEntries(fw.requirements.map((r) => [r.refId, r]));
    expect(Object.keys(byRef)).not.toContain("R.2.x");
    expect(Object.keys(byRef)).not.toContain("R.gone");
    expect(byRef["R.old"]).toMatchObject({
      status: "group",
      retired: true,
      depth: 1,
      note: RETIRED_NOTE,
      met: 0,
      applicable: 1,
    });
    expect(byRef["R.old.1"]).toMatchObject({
      depth: 2,
      parentId: byRef["R.old"].id,
      blockingControlIds: [byRef["KG.2.b"].blockingControlIds[0]],
    });
    expect(byRef["KF.1.b"]).toMatchObject({
      note: null,
      inherited: [{ fromRefId: "K" }, { fromRefId: "KF" }, { fromRefId: "KF.1" }],
    });
    expect(byRef["LOOSE.c"].note).toBe(NO_CONTROL_NOTE);
    expect(byRef["A32"]).toMatchObject({ status: "group", met: 0, applicable: 2 });

    // A millisecond before E1 turns stale, EDGE is met; the independent SQL agrees.
    const before = (await computeReadiness({ ctx: systemCtx("test"), projectId: w.projectId, at: JUST_BEFORE })).result
      .frameworks[0];
    expect(before).toMatchObject({ met: 6, applicable: 15 });
    const beforeIndependent = await independentRequirements(w.projectId, w.frameworkId, JUST_BEFORE);
    expect(
      beforeIndependent
        .filter((r) => r.status === "met")
        .map((r) => r.refId)
        .sort(),
    ).toEqual(["A33", "EDGE", "KF.2", "KF.3", "LOOSE.b", "R.2"]);
    expect(
      before.requirements
        .filter((r) => r.status === "met")
        .map((r) => r.refId)
        .sort(),
    ).toEqual(["A33", "EDGE", "KF.2", "KF.3", "LOOSE.b", "R.2"]);
  });

  it("the framework page counts coverage by the same rule and lists the controls mapped to groups, so a lead can move them down", async () => {
    const w = await makeBoundaryWorld(uniq("bndf").toLowerCase(), NOW);
    const detail = await getFramework({ ctx: systemCtx("test"), key: w.frameworkKey });
    // 18 scored requirements; LOOSE.c is the only gap; R.na.2 is not applicable by default (inherited).
    expect(detail.coverage).toEqual({ assessable: 18, mapped: 16, notApplicable: 1, unmapped: 1, ratio: 16 / 17 });
    // The frameworks list counts it in SQL, by the same rule.
    const listed = (await listFrameworks({ ctx: systemCtx("test") })).find((f) => f.key === w.frameworkKey);
    expect(listed).toMatchObject({ requirements: 27, retired: 4, coverage: detail.coverage });
    expect(
      (await getFramework({ ctx: systemCtx("test"), key: w.frameworkKey, query: { unmapped: "1" } })).nodes
        .filter((n) => n.match)
        .map((n) => n.refId),
    ).toEqual(["LOOSE.c"]);
    expect(detail.groupMappings.map((g) => [g.refId, g.controls.map((c) => c.key), g.decides])).toEqual([
      ["K", [w.control.N1], 7],
      ["KF", [w.control.P1], 4],
      ["KF.1", [w.control.S1], 2],
      ["A32", [w.control.R2], 2],
    ]);
    // The retired parent keeps its current child in place in the catalogue tree too.
    const nodes = Object.fromEntries(detail.nodes.map((n) => [n.refId, n]));
    expect(nodes["R.old"]).toMatchObject({ retired: true, depth: 1 });
    expect(nodes["R.old.1"]).toMatchObject({
      depth: 2,
      scored: true,
      inherited: [{ key: w.control.F1, from: "R.old" }],
    });
    expect(nodes["KF.1.b"]).toMatchObject({ scored: true, controls: [] });
    expect(nodes["KF.1.b"].inherited.map((c) => c.from)).toEqual(["K", "KF", "KF.1"]);
  });

  it("a catalogue version that splits a mapped leaf into points keeps the mapping, which then decides each point and is listed on the framework page", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const key = uniq("split").toLowerCase();
    // Keys a framework file accepts (PREFIX-NN), unique per run.
    const prefix = `Z${randomBytes(3).toString("hex").toUpperCase()}`;
    const [c1, c2] = await Promise.all(
      ["ENC", "LOG"].map((s, i) =>
        prisma.control.create({ data: { key: `${prefix}-0${i + 1}`, title: s, description: "", frequency: "DAILY" } }),
      ),
    );
    const project = await makeProject();
    // C1 passes (a CI run a day ago); C2 expects nothing and has no runbook, so nothing proves it.
    await prisma.controlExpectation.create({ data: { controlId: c1.id, kind: "CI_RUN", freshnessDays: 30 } });
    const at = new Date(NOW.getTime() - 86_400_000);
    await fileEvidence({
      projectId: project.id,
      controlId: c1.id,
      kind: "CI_RUN",
      outcome: "PASS",
      title: "ci",
      effectiveAt: at,
    });
    const file = (version: string, requirements: unknown[]) => ({
      format: "proofline.framework/v1",
      key,
      name: `Split ${key}`,
      version,
      requirements,
    });
    await importFramework({
      ctx: ctxOf(lead),
      now: NOW,
      file: file("1", [
        { id: "SEC", level: "category", title: "Security" },
        { id: "SEC-1", parent: "SEC", title: "Data is encrypted", controls: [c1.key] },
        { id: "SEC-2", parent: "SEC", title: "Access is logged", controls: [c2.key] },
      ]),
    });
    const fw = await prisma.framework.findUniqueOrThrow({ where: { key } });
    await prisma.projectFramework.create({ data: { projectId: project.id, frameworkId: fw.id } });
    const v1 = (await computeReadiness({ ctx: systemCtx("test"), projectId: project.id, at: NOW })).result
      .frameworks[0];
    expect(v1.requirements.filter((r) => r.status !== "group").map((r) => [r.refId, r.status])).toEqual([
      ["SEC-1", "met"],
      ["SEC-2", "unmet"],
    ]);

    // Version 2 splits SEC-1 into two points (it becomes a group: not assessable, by default).
    await importFramework({
      ctx: ctxOf(lead),
      now: NOW,
      file: file("2", [
        { id: "SEC", level: "category", title: "Security" },
        { id: "SEC-1", parent: "SEC", title: "Data is encrypted" },
        { id: "SEC-1.a", parent: "SEC-1", level: "point", title: "At rest" },
        { id: "SEC-1.b", parent: "SEC-1", level: "point", title: "In transit" },
        { id: "SEC-2", parent: "SEC", title: "Access is logged", controls: [c2.key] },
      ]),
    });
    const v2 = (await computeReadiness({ ctx: systemCtx("test"), projectId: project.id, at: NOW })).result
      .frameworks[0];
    const byRef = Object.fromEntries(v2.requirements.map((r) => [r.refId, r]));
    expect(byRef["SEC-1"]).toMatchObject({ status: "group", controlIds: [c1.id] });
    expect(byRef["SEC-1.a"]).toMatchObject({
      status: "met",
      controlIds: [c1.id],
      inherited: [{ controlId: c1.id, fromRefId: "SEC-1" }],
      note: null,
    });
    expect(byRef["SEC-1.b"]).toMatchObject({ status: "met", controlIds: [c1.id] });
    expect(v2).toMatchObject({ met: 2, applicable: 3 });
    const detail = await getFramework({ ctx: ctxOf(lead), key });
    expect(detail.groupMappings).toEqual([
      {
        refId: "SEC-1",
        title: "Data is encrypted",
        level: "requirement",
        controls: [{ key: c1.key, title: "ENC" }],
        decides: 2,
      },
    ]);
    expect(detail.coverage).toMatchObject({ assessable: 3, mapped: 3, unmapped: 0 });
  });
});
