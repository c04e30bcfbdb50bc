import { describe, expect, it } from "vitest";
import { evaluateReadiness } from "@/lib/readiness/evaluate";
import { rankHoldbacks } from "@/lib/readiness/holdbacks";
import { describeReason } from "@/lib/readiness/describe-reason";
import { EXAMPLE_AT, EXAMPLE_FACTS } from "@/lib/readiness/worked-example";

// docs/readiness.md quotes these figures: if this test changes, change the document too.
describe("the worked example", () => {
  const result = evaluateReadiness(EXAMPLE_FACTS);
  const fw = result.frameworks[0];

  it("scores 1 of 4 applicable requirements (25%)", () => {
    expect([fw.met, fw.applicable, fw.score]).toEqual([1, 4, 0.25]);
    expect(fw.families.map((f) => [f.refId, f.met, f.applicable])).toEqual([
      ["CC6", 1, 2],
      ["CC8", 0, 1],
      ["A1", 0, 1],
    ]);
    expect(Object.fromEntries(fw.requirements.filter((r) => r.status !== "group").map((r) => [r.refId, r.status]))).toEqual({
      "CC6.1": "met",
      "CC6.4": "not_applicable",
      "CC6.8": "unmet",
      "CC8.1": "unmet",
      "A1.2": "not_applicable",
      "A1.3": "unmet",
    });
  });

  it("gives each control its state and reasons", () => {
    const byKey = Object.fromEntries(result.controls.map((c) => [c.key, [c.state, c.reasons.map((r) => describeReason(r, EXAMPLE_AT))]]));
    expect(byKey).toEqual({
      "ACC-01": ["passing", []],
      "BCK-01": ["stale", ["Restore drill overdue since 1 Oct 2026"]],
      "BCK-02": ["passing", []],
      "CHG-01": ["failing", ["release-check failed on main 2 days ago"]],
      "CHG-02": ["failing", ['blocker REL-004 "Sign release images" open since 2 Oct 2026']],
      "OPS-09": ["not_applicable", []],
      "SDL-01": ["stale", ["semgrep (code scan) expired on 1 Oct 2026"]],
    });
  });

  it("ranks what holds it back", () => {
    expect(rankHoldbacks(result).map((h) => h.sentence)).toEqual([
      'CC8.1 failing: blocker REL-004 "Sign release images" open since 2 Oct 2026',
      "CC8.1 failing: release-check failed on main 2 days ago",
      "CC6.8 stale: semgrep (code scan) expired on 1 Oct 2026",
      "A1.3 stale: Restore drill overdue since 1 Oct 2026",
    ]);
  });
});
