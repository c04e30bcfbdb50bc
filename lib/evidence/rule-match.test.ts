import { describe, expect, it } from "vitest";
import { globMatches, globToLike, ruleMatches, type MatchableEvidence } from "@/lib/evidence/rule-match";

const ev: MatchableEvidence = {
  kind: "TEST_REPORT",
  format: "junit",
  sourceRepo: "example/portal",
  sourceBranch: "main",
  sourceWorkflow: "release-check",
  subject: "restore-study",
};

describe("evidence rules", () => {
  it("matches globs: * across slashes, ? one character, everything else literal and case-sensitive", () => {
    expect(globMatches("release-*", "release-check")).toBe(true);
    expect(globMatches("release-*", "Release-check")).toBe(false);
    expect(globMatches("example/*", "example/team/portal")).toBe(true);
    expect(globMatches("v?.x", "v1.x")).toBe(true);
    expect(globMatches("v?.x", "v1-x")).toBe(false); // the dot is literal
    expect(globMatches("a+b(c)[d]{e}^$|\\", "a+b(c)[d]{e}^$|\\")).toBe(true);
    expect(globMatches("50%_off", "50%_off")).toBe(true);
    expect(globMatches("*", "")).toBe(true);
    expect(globMatches("?", "")).toBe(false);
    expect(globMatches("", "")).toBe(true);
    expect(globMatches("", "a")).toBe(false);
    expect(globMatches("a*", "a")).toBe(true);
    expect(globMatches("*a", "ba")).toBe(true);
    expect(globMatches("*a", "ab")).toBe(false);
    expect(globMatches("a*b*c", "aXbYbZc")).toBe(true);
    expect(globMatches("a*b*c", "aXbYbZ")).toBe(false);
    expect(globMatches("**?**", "x")).toBe(true);
    expect(globMatches("?", "😀")).toBe(true); // one character, not one UTF-16 unit
    expect(globMatches("a?c", "a😀c")).toBe(true);
  });

  it("translates globs to LIKE patterns with the LIKE wildcards escaped", () => {
    expect(globToLike("release-*")).toBe("release-%");
    expect(globToLike("v?.x")).toBe("v_.x");
    expect(globToLike("50%_off\\")).toBe("50\\%\\_off\\\\");
  });

  it("needs kind, format and every condition to match; a condition on a missing attribute fails", () => {
    expect(
      ruleMatches({ kind: "TEST_REPORT", format: "junit", conditions: { workflow: "release-*", branch: "main" } }, ev),
    ).toBe(true);
    expect(ruleMatches({ kind: null, format: null, conditions: {} }, ev)).toBe(true);
    expect(ruleMatches({ kind: "SAST_SCAN", format: null, conditions: {} }, ev)).toBe(false);
    expect(ruleMatches({ kind: null, format: "sarif", conditions: {} }, ev)).toBe(false);
    expect(ruleMatches({ kind: null, format: null, conditions: { branch: "develop" } }, ev)).toBe(false);
    expect(ruleMatches({ kind: null, format: null, conditions: { name: "restore-*" } }, ev)).toBe(true);
    expect(ruleMatches({ kind: null, format: null, conditions: { repo: "*" } }, { ...ev, sourceRepo: null })).toBe(
      false,
    );
  });

  it("matches every glob against random values exactly as the regex translation does", () => {
    // The regex is the old implementation, safe here because the strings are short.
    const toRegExp = (glob: string) =>
      new RegExp(
        `^${Array.from(glob, (c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("")}$`,
        "u",
      );
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pick = (alphabet: string, max: number) =>
      Array.from({ length: rnd(max + 1) }, () => alphabet[rnd(alphabet.length)]).join("");
    for (let k = 0; k < 3000; k++) {
      const glob = pick("ab*?.", 7);
      const value = pick("ab.", 9);
      expect(globMatches(glob, value), `${glob} ~ ${value}`).toBe(toRegExp(glob).test(value));
    }
  });

  it("matches a hostile pattern in at most (value + 1) × (pattern + 1) steps (the regex took 41 s on 60 characters)", () => {
    const pattern = "*a*a*a*a*a*a*a*a*b";
    for (const n of [60, 480, 10_000]) {
      const work = { steps: 0 };
      expect(globMatches(pattern, "a".repeat(n), work)).toBe(false);
      expect(work.steps).toBeLessThanOrEqual((n + 1) * (pattern.length + 1));
      expect(globMatches(pattern, `${"a".repeat(n)}b`)).toBe(true);
    }
    // The work grows with the value's length (here exactly linearly), not exponentially in the stars.
    const steps = (n: number) => {
      const work = { steps: 0 };
      globMatches(pattern, "a".repeat(n), work);
      return work.steps;
    };
    expect(steps(8000)).toBeLessThanOrEqual(8 * steps(1000) + 100);
  });
});
