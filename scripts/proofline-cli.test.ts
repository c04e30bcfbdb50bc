import { describe, expect, it } from "vitest";
import { githubDefaults, main, parseArgs } from "../public/cli/proofline.mjs";

describe("the proofline CLI", () => {
  it("parses push options in both --name value and --name=value forms", () => {
    expect(
      parseArgs(["push", "report.xml", "--project", "portal", "--format=junit", "--commit", "abc1234", "--json"]),
    ).toEqual({
      command: "push",
      files: ["report.xml"],
      meta: { project: "portal", format: "junit", commit: "abc1234" },
      json: true,
    });
  });

  it("parses a drill of several files, and refuses options a drill does not take", async () => {
    expect(
      parseArgs([
        "push",
        "--drill",
        "ledger-q1",
        "backup.log",
        "restore.log",
        "verify.txt",
        "--project",
        "portal",
        "--runbook=restore-ledger",
      ]),
    ).toEqual({
      command: "push",
      files: ["backup.log", "restore.log", "verify.txt"],
      meta: { project: "portal", drill: "ledger-q1", runbook: "restore-ledger" },
      json: false,
    });
    expect(() => parseArgs(["push", "--format"])).toThrow("--format needs a value.");
    const lines: string[] = [];
    const env = { PROOFLINE_URL: "http://127.0.0.1:9", PROOFLINE_TOKEN: "pl_x" };
    expect(
      await main(
        ["push", "--drill", "q1", "package.json", "--project", "p", "--format", "junit"],
        env,
        (l: string) => lines.push(l),
        (l: string) => lines.push(l),
      ),
    ).toBe(2);
    expect(lines[0]).toMatch(/^--format does not apply to a drill/);
    expect(
      await main(
        ["push", "package.json", "--project", "p", "--runbook", "r"],
        env,
        (l: string) => lines.push(l),
        (l: string) => lines.push(l),
      ),
    ).toBe(2);
    expect(lines.at(-1)).toMatch(/--runbook goes with --drill <name>/);
  });

  it("takes source facts from GitHub Actions variables, preferring the PR's head branch", () => {
    const env = {
      GITHUB_ACTIONS: "true",
      GITHUB_REPOSITORY: "example/portal",
      GITHUB_REF_NAME: "42/merge",
      GITHUB_HEAD_REF: "fix/rel-001",
      GITHUB_SHA: "f".repeat(40),
      GITHUB_WORKFLOW: "release-check",
      GITHUB_RUN_ID: "99",
      GITHUB_SERVER_URL: "https://github.com",
    };
    expect(githubDefaults(env)).toEqual({
      repo: "example/portal",
      branch: "fix/rel-001",
      commit: "f".repeat(40),
      workflow: "release-check",
      runUrl: "https://github.com/example/portal/actions/runs/99",
    });
    expect(githubDefaults({})).toEqual({});
  });

  it("exits 2 with a reason on wrong usage, and 3 when the server cannot be reached", async () => {
    const lines: string[] = [];
    const capture = (l: string) => lines.push(l);
    expect(await main(["push", "x.xml", "--project", "p"], {}, capture, capture)).toBe(2);
    expect(lines[0]).toMatch(/Set PROOFLINE_URL/);
    expect(
      await main(["push", "--bogus", "1"], { PROOFLINE_URL: "http://x", PROOFLINE_TOKEN: "t" }, capture, capture),
    ).toBe(2);
    expect(
      await main(
        ["push", "/definitely/missing.xml", "--project", "p"],
        { PROOFLINE_URL: "http://x", PROOFLINE_TOKEN: "t" },
        capture,
        capture,
      ),
    ).toBe(2);
    expect(lines.some((l) => l.startsWith("Cannot read /definitely/missing.xml"))).toBe(true);
    const env = { PROOFLINE_URL: "http://127.0.0.1:9", PROOFLINE_TOKEN: "pl_x" };
    expect(await main(["push", "package.json", "--project", "p"], env, capture, capture)).toBe(3);
  });
});
