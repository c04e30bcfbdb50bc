import { describe, expect, it } from "vitest";
import { parseFrameworkFile } from "@/lib/catalogue/framework-file";
import { describePlan, planCatalogue, planIsEmpty, type ExistingRequirement } from "@/lib/catalogue/plan-catalogue";
import { coverageOf, normaliseRef } from "@/lib/catalogue/coverage";

/** Version `version` of the framework "demo", holding `requirements`. */
const demo = (version: string, requirements: Array<Record<string, string>>) =>
  parseFrameworkFile({ format: "proofline.framework/v1", key: "demo", name: "Demo", version, requirements });

/** Ids "<prefix>0", "<prefix>1", … in the order they are asked for. */
function counter(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${n++}`;
}

const v1 = demo("1", [
  { id: "F", level: "family", title: "Family" },
  { id: "F.1", parent: "F", title: "One", summary: "First." },
  { id: "F.2", parent: "F", title: "Two" },
]);

/** The database rows a load of `file` would leave behind (ids = "id-" + ref). */
function rowsAfter(file = v1, mappings: Record<string, number> = {}): ExistingRequirement[] {
  const plan = planCatalogue(file, [], counter("new-"));
  return plan.creates.map((r) => ({ ...r, retiredAt: null, mappingCount: mappings[r.refId] ?? 0 }));
}

describe("planning a catalogue load", () => {
  it("creates everything the first time, parents linked by id", () => {
    const plan = planCatalogue(v1, [], counter("id"));
    expect(plan.creates.map((r) => [r.refId, r.parentId])).toEqual([
      ["F", null],
      ["F.1", "id0"],
      ["F.2", "id0"],
    ]);
    expect(describePlan("demo", plan, { from: null, to: "1" })).toEqual(['demo: loaded version "1" (3 requirements)']);
  });

  it("plans nothing when the database already matches the file", () => {
    const plan = planCatalogue(v1, rowsAfter(), () => "unused");
    expect(planIsEmpty(plan)).toBe(true);
    expect(describePlan("demo", plan)).toEqual([]);
  });

  it("updates, adds, retires (keeping mappings) and reports each change", () => {
    const v2 = demo("2", [
      { id: "F", level: "family", title: "Family" },
      { id: "F.1", parent: "F", title: "One, renamed", summary: "First." },
      { id: "F.3", parent: "F", title: "Three" },
    ]);
    const existing = rowsAfter(v1, { "F.2": 4 });
    const plan = planCatalogue(v2, existing, () => "fresh");
    expect(plan.creates.map((r) => r.refId)).toEqual(["F.3"]);
    expect(plan.creates[0].parentId).toBe(existing[0].id);
    expect(plan.updates).toEqual([
      { id: existing[1].id, refId: "F.1", data: { title: "One, renamed" }, fields: ["title"] },
    ]);
    expect(plan.retires).toEqual([{ id: existing[2].id, refId: "F.2", mappingCount: 4 }]);
    expect(describePlan("demo", plan, { from: "1", to: "2" })).toEqual([
      'demo: version "1" -> "2"',
      "demo: added 1: F.3",
      "demo: updated F.1 (title)",
      "demo: retired F.2 (not in this version; 4 mapping(s) kept)",
    ]);
  });

  it("restores a retired requirement that comes back, and does not retire it twice", () => {
    const existing = rowsAfter().map((r) => (r.refId === "F.2" ? { ...r, retiredAt: new Date("2025-01-01") } : r));
    const plan = planCatalogue(v1, existing, () => "unused");
    expect(plan.restored).toEqual(["F.2"]);
    expect(plan.updates).toEqual([{ id: existing[2].id, refId: "F.2", data: { retiredAt: null }, fields: [] }]);
    const withoutF2 = { ...v1, requirements: v1.requirements.filter((r) => r.refId !== "F.2") };
    expect(planCatalogue(withoutF2, existing, () => "unused").retires).toEqual([]);
  });
});

describe("coverage", () => {
  it("counts mapped, not-applicable-by-default and unmapped assessable requirements", () => {
    const c = coverageOf([
      { assessable: false, retired: false, mappedControls: 0, defaultNotApplicableReason: null },
      { assessable: true, retired: false, mappedControls: 2, defaultNotApplicableReason: null },
      { assessable: true, retired: false, mappedControls: 0, defaultNotApplicableReason: "No premises." },
      { assessable: true, retired: false, mappedControls: 0, defaultNotApplicableReason: null },
      { assessable: true, retired: true, mappedControls: 0, defaultNotApplicableReason: null },
    ]);
    expect(c).toEqual({ assessable: 3, mapped: 1, notApplicable: 1, unmapped: 1, ratio: 0.5 });
    expect(coverageOf([]).ratio).toBeNull();
  });

  it("normalises reference ids for search", () => {
    expect(normaliseRef("Art. 32(1)(a)")).toBe("art321a");
    expect(normaliseRef("cc 6.1")).toBe(normaliseRef("CC6.1"));
  });
});
