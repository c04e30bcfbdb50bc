import { describe, expect, it } from "vitest";
import { globToLike, globToRegExp, ruleMatches, type MatchableEvidence } from "@/lib/evidence/rule-match";

const ev: MatchableEvidence = { kind: "TEST_REPORT", format: "junit", sourceRepo: "example/portal", sourceBranch: "main", sourceWorkflow: "release-check", subject: "restore-study" };

describe("evidence rules", () => {
  it("matches globs: * across slashes, ? one character, everything else literal and case-sensitive", () => {
    expect(globToRegExp("release-*").test("release-check")).toBe(true);
    expect(globToRegExp("release-*").test("Release-check")).toBe(false);
    expect(globToRegExp("example/*").test("example/team/portal")).toBe(true);
    expect(globToRegExp("v?.x").test("v1.x")).toBe(true);
    expect(globToRegExp("v?.x").test("v1-x")).toBe(false); // the dot is literal
    expect(globToRegExp("a+b(c)[d]{e}^$|\\").test("a+b(c)[d]{e}^$|\\")).toBe(true);
    expect(globToRegExp("50%_off").test("50%_off")).toBe(true);
  });

  it("translates globs to LIKE patterns with the LIKE wildcards escaped", () => {
    expect(globToLike("release-*")).toBe("release-%");
    expect(globToLike("v?.x")).toBe("v_.x");
    expect(globToLike("50%_off\\")).toBe("50\\%\\_off\\\\");
  });

  it("needs kind, format and every condition to match; a condition on a missing attribute fails", () => {
    expect(ruleMatches({ kind: "TEST_REPORT", format: "junit", conditions: { workflow: "release-*", branch: "main" } }, ev)).toBe(true);
    expect(ruleMatches({ kind: null, format: null, conditions: {} }, ev)).toBe(true);
    expect(ruleMatches({ kind: "SAST_SCAN", format: null, conditions: {} }, ev)).toBe(false);
    expect(ruleMatches({ kind: null, format: "sarif", conditions: {} }, ev)).toBe(false);
    expect(ruleMatches({ kind: null, format: null, conditions: { branch: "develop" } }, ev)).toBe(false);
    expect(ruleMatches({ kind: null, format: null, conditions: { name: "restore-*" } }, ev)).toBe(true);
    expect(ruleMatches({ kind: null, format: null, conditions: { repo: "*" } }, { ...ev, sourceRepo: null })).toBe(false);
  });
});
