import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseNpmAudit } from "@/lib/ingest/npm-audit";
import { parsePipAudit } from "@/lib/ingest/pip-audit";
import { parseYarnAudit } from "@/lib/ingest/yarn-audit";
import { readLines } from "@/lib/ingest/bytes";
import { IngestRefusal } from "@/lib/core/http/refusal";
import { fixtureFile, readJson } from "@/lib/ingest/testing/corpus";
import type { JsonValue } from "@/lib/ingest/exact-json";

const deps = (name: string) => readJson(fixtureFile(`audit-deps/${name}`)) as JsonValue;
const yarn = (file: string) => parseYarnAudit(readLines(createReadStream(file), 1024 * 1024));
type Pkg = { name: string; severity: string; fixAvailable: boolean; advisories: Array<{ id: string }> };
const packages = (s: unknown) => (s as { packages: Pkg[] }).packages;

describe("dependency audits: our fixtures of each tool's shape", () => {
  it("npm 6: advisories with findings, merged by package", () => {
    const r = parseNpmAudit(deps("npm6-audit.json"));
    expect(r.summary).toMatchObject({
      tool: "npm audit (npm 6)",
      dependencies: 17,
      vulnerablePackages: 2,
      severities: { critical: 0, high: 2, moderate: 0 },
      fixable: 2,
    });
    const ws = packages(r.summary).find((p) => p.name === "ws")!;
    expect([ws.severity, ws.advisories.map((a) => a.id)]).toEqual([
      "high",
      ["GHSA-aaaa-0001-ws01", "GHSA-aaaa-0002-ws02"],
    ]);
    expect(
      packages(r.summary)
        .map((p) => p.name)
        .sort(),
    ).toEqual(["json5", "ws"]);
    expect(r.outcome).toBe("FAIL");
  });

  it("npm 7+: via mixes advisories and package names; fixAvailable as object or boolean", () => {
    const r = parseNpmAudit(deps("npm7-audit.json"));
    expect(r.summary).toMatchObject({
      tool: "npm audit (npm 7+)",
      dependencies: 24,
      vulnerablePackages: 3,
      severities: { high: 3 },
      fixable: 3,
    });
    expect(
      packages(r.summary)
        .find((p) => p.name === "tar")!
        .advisories.map((a) => a.id),
    ).toEqual(["3000202"]);
    // release-helper is vulnerable only through semver (its via holds just the name "semver").
    expect((r.summary as { transitiveOnly: number }).transitiveOnly).toBe(1);
    expect(packages(r.summary).find((p) => p.name === "release-helper")!.advisories).toEqual([]);
    expect(r.outcome).toBe("FAIL");
  });

  it("npm 7+: a clean audit passes", () => {
    const r = parseNpmAudit(deps("npm7-audit-clean.json"));
    expect([r.outcome, (r.summary as { vulnerablePackages: number }).vulnerablePackages]).toEqual(["PASS", 0]);
  });

  it("pnpm writes the npm 6 shape without a run id", () => {
    const pnpm = parseNpmAudit(deps("pnpm-audit.json"));
    expect(pnpm.summary).toMatchObject({
      tool: "npm audit (npm 6 format: pnpm or yarn 2+)",
      vulnerablePackages: 1,
      severities: { high: 1 },
    });
  });

  it("yarn 1 JSON Lines: the same advisory on many paths counts once", async () => {
    const r = await yarn(fixtureFile("audit-deps/yarn1-audit.jsonl"));
    expect(r.summary).toMatchObject({
      tool: "yarn audit (yarn 1)",
      dependencies: 100,
      vulnerablePackages: 2,
      severities: { critical: 1, high: 1 },
    });
    expect(packages(r.summary).find((p) => p.name === "minimatch")!.advisories).toHaveLength(1);
    expect(r.outcome).toBe("FAIL");
  });

  it("yarn 2+ JSON Lines in a .json file: {value, children} with capitalised keys", async () => {
    const r = await yarn(fixtureFile("audit-deps/yarn4-audit.json"));
    expect(r.summary).toMatchObject({
      tool: "yarn audit (yarn 2+)",
      vulnerablePackages: 2,
      severities: { critical: 1, moderate: 1 },
    });
  });

  it("a home-grown CI security summary is not an npm audit (refused)", () => {
    expect(() => parseNpmAudit(deps("ci-security-summary.json"))).toThrow(IngestRefusal);
  });
});

describe("dependency audits: our fixtures", () => {
  it("pip-audit: vulnerable packages with fixes; skipped dependencies counted; no severity means it fails", () => {
    const r = parsePipAudit(readJson(fixtureFile("pip-audit.json")) as JsonValue);
    expect(r.summary).toMatchObject({
      tool: "pip-audit",
      dependencies: 4,
      vulnerablePackages: 2,
      fixable: 2,
      skippedDependencies: 1,
      severities: { unknown: 2 },
    });
    const jinja = packages(r.summary).find((p) => p.name === "jinja2")!;
    expect(jinja).toMatchObject({ fixAvailable: true, fixVersions: ["3.1.3"] });
    expect(jinja.advisories.map((a) => a.id)).toEqual(["GHSA-h5c8-rqwp-cp95", "GHSA-h75v-3vvj-5mfj"]);
    expect(r.outcome).toBe("FAIL");
    expect(r.outcomeReason).toMatch(/without a severity rating/);
  });

  it("pip-audit's older bare-array output passes when clean", () => {
    const r = parsePipAudit(readJson(fixtureFile("pip-audit-clean-legacy.json")) as JsonValue);
    expect([r.outcome, (r.summary as { dependencies: number }).dependencies]).toEqual(["PASS", 2]);
  });

  it("moderate findings only warn; npm's own error output is refused as a tool error", () => {
    const moderate = parseNpmAudit({
      auditReportVersion: 2,
      vulnerabilities: { a: { name: "a", severity: "moderate", via: [], fixAvailable: false } },
    });
    expect(moderate.outcome).toBe("WARN");
    let err: unknown;
    try {
      parseNpmAudit({ error: { code: "ENOLOCK", summary: "This command requires an existing lockfile." } });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({
      reason: "tool-error",
      status: 422,
      message: expect.stringContaining("requires an existing lockfile"),
    });
  });
});
