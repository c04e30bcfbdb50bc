import { describe, expect, it } from "vitest";
import { safeCallback } from "@/lib/auth/safe-callback";

const APP = "https://proofline.example.com";

/** Where a browser on the app would land after `location.assign(value)`. */
function landsOn(value: string): string {
  return new URL(value, `${APP}/signin`).origin;
}

// Known ways to smuggle another origin through a "same-site path" check.
const BYPASSES = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "https://evil.example",
  "https:evil.example",
  "http:/evil.example",
  "HTTPS://evil.example/",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "@evil.example",
  "/@evil.example".replace("/", "//"),
  "//evil.example@proofline.example.com",
  "/\u0000/evil.example",
  "/\u000b/evil.example",
  "/\u007f/evil.example",
  "/signin?callbackUrl=//evil.example",
  "/SIGNIN",
];

describe("safeCallback", () => {
  it.each(BYPASSES)("never leaves the app for %j", (value) => {
    const result = safeCallback(value);
    expect(landsOn(result)).toBe(APP);
    expect(result).toBe("/");
  });

  it("keeps encoded slashes and backslashes inside the path (they are not decoded into a host)", () => {
    for (const value of [
      "/%2f%2fevil.example",
      "/%2F/evil.example",
      "/%5c%5cevil.example",
      "/%5C/evil.example",
      "/%09/evil.example",
      "/.%2e/%2e%2e//evil.example",
    ]) {
      const result = safeCallback(value);
      expect(landsOn(result)).toBe(APP);
      expect(result.startsWith("//")).toBe(false);
    }
  });

  it("resolves dot segments and stays on the app", () => {
    for (const value of [
      "/./evil.example",
      "/../evil.example",
      "/a/../../evil.example",
      "/..//evil.example",
      "/.//evil.example",
    ]) {
      const result = safeCallback(value);
      expect(landsOn(result)).toBe(APP);
      expect(result.startsWith("//")).toBe(false);
    }
  });

  it("passes ordinary paths with their query and fragment", () => {
    expect(safeCallback("/projects/mlsdm-engine/readiness?framework=soc2#cc6")).toBe(
      "/projects/mlsdm-engine/readiness?framework=soc2#cc6",
    );
    expect(safeCallback("/")).toBe("/");
    expect(safeCallback(["/audits", "//evil.example"])).toBe("/audits");
  });

  it("falls back to the home page for missing, empty or over-long values", () => {
    expect(safeCallback(undefined)).toBe("/");
    expect(safeCallback("")).toBe("/");
    expect(safeCallback(`/${"a".repeat(5000)}`)).toBe("/");
  });
});
