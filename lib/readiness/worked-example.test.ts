import { describe, expect, it } from "vitest";
import { evaluateReadiness } from "@/lib/readiness/evaluate";
import { rankHoldbacks } from "@/lib/readiness/holdbacks";
import { describeReason } from "@/lib/readiness/describe-reason";
import { EXAMPLE_AT, EXAMPLE_FACTS } from "@/lib/readiness/worked-example";
import { starterLibrary } from "@/lib/controls/starter-library";

// docs/readiness.md quotes these figures: if this test changes, change the document too.
describe("the worked example", () => {
  const result = evaluateReadiness(EXAMPLE_FACTS);
  const fw = result.frameworks[0];

  it("scores 3 of 6 applicable requirements (50%)", () => {
    expect([fw.met, fw.applicable, fw.score]).toEqual([3, 6, 0.5]);
    expect(fw.families.map((f) => [f.refId, f.met, f.applicable])).toEqual([
      ["CC6", 2, 2],
      ["CC7", 0, 1],
      ["CC8", 0, 1],
      ["A1", 1, 2],
    ]);
    expect(
      Object.fromEntries(fw.requirements.filter((r) => r.status !== "group").map((r) => [r.refId, r.status])),
    ).toEqual({
      "CC6.1": "met",
      "CC6.4": "met",
      "CC7.1": "unmet",
      "CC8.1": "unmet",
      "A1.2": "met",
      "A1.3": "unmet",
    });
  });

  it("uses the starter library's keys, titles and mappings: backups decide A1.2, the restore drill A1.3", () => {
    const library = new Map(starterLibrary().controls.map((c) => [c.key, c]));
    for (const c of EXAMPLE_FACTS.controls) {
      const starter = library.get(c.key);
      expect(starter, c.key).toBeDefined();
      expect(c.title).toBe(starter!.title);
      for (const e of c.expectations)
        expect(
          starter!.expects.map((x) => x.kind),
          c.key,
        ).toContain(e.kind);
    }
    for (const r of fw.requirements.filter((x) => x.status !== "group")) {
      for (const id of r.controlIds) expect(library.get(id)!.mappings.soc2, `${id} → ${r.refId}`).toContain(r.refId);
    }
  });

  it("gives each control its state and reasons", () => {
    const byKey = Object.fromEntries(
      result.controls.map((c) => [c.key, [c.state, c.reasons.map((r) => describeReason(r, EXAMPLE_AT))]]),
    );
    expect(byKey).toEqual({
      "ACC-01": ["passing", []],
      "BCK-01": ["passing", []],
      "BCK-02": ["stale", ["Restore drill overdue since 1 Oct 2026"]],
      "CHG-01": ["failing", ['blocker REL-004 "Sign release images" open since 2 Oct 2026']],
      "CHG-04": ["failing", ["release-check failed on main 2 days ago"]],
      "SDL-01": ["stale", ["semgrep (code scan) expired on 15 Sep 2026"]],
      "VND-05": ["passing", []],
    });
  });

  it("ranks what holds it back", () => {
    expect(rankHoldbacks(result).map((h) => h.sentence)).toEqual([
      'CC8.1 failing: blocker REL-004 "Sign release images" open since 2 Oct 2026',
      "CC8.1 failing: release-check failed on main 2 days ago",
      "CC7.1 stale: semgrep (code scan) expired on 15 Sep 2026",
      "A1.3 stale: Restore drill overdue since 1 Oct 2026",
    ]);
  });
});
