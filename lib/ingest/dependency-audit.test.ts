import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseNpmAudit } from "@/lib/ingest/npm-audit";
import { parsePipAudit } from "@/lib/ingest/pip-audit";
import { parseYarnAudit } from "@/lib/ingest/yarn-audit";
import { readLines } from "@/lib/ingest/bytes";
import { IngestRefusal } from "@/lib/ingest/refusal";
import { corpusFile, fixtureFile, readJson } from "@/lib/ingest/testing/corpus";
import type { JsonValue } from "@/lib/ingest/exact-json";

const deps = (name: string) => readJson(corpusFile(`audit-deps/${name}`)) as JsonValue;
const yarn = (file: string) => parseYarnAudit(readLines(createReadStream(file), 1024 * 1024));
type Pkg = { name: string; severity: string; fixAvailable: boolean; advisories: Array<{ id: string }> };
const packages = (s: unknown) => (s as { packages: Pkg[] }).packages;

describe("dependency audits: the shared corpus", () => {
  it("npm 6: advisories with findings, merged by package", () => {
    const r = parseNpmAudit(deps("auditci_npm6-audit-allowlisted-path.json"));
    expect(r.summary).toMatchObject({ tool: "npm audit (npm 6)", vulnerablePackages: 2, severities: { critical: 0, high: 2 } });
    expect(packages(r.summary).map((p) => p.name).sort()).toEqual(["axios", "follow-redirects"]);
    expect(r.outcome).toBe("FAIL");
  });

  it("npm 7+: via mixes advisories and package names; fixAvailable as object or boolean", () => {
    const r = parseNpmAudit(deps("auditci_npm7-audit-allowlisted-path.json"));
    expect(r.summary).toMatchObject({ tool: "npm audit (npm 7+)", vulnerablePackages: 3, severities: { high: 3 } });
    const axios = packages(r.summary).find((p) => p.name === "axios")!;
    expect(axios.advisories.map((a) => a.id)).toContain("1038749");
    // github-build is vulnerable only through axios (its via holds just the name "axios").
    expect((r.summary as { transitiveOnly: number }).transitiveOnly).toBe(1);
    expect(packages(r.summary).find((p) => p.name === "github-build")!.advisories).toEqual([]);
  });

  it("npm 7+: one high advisory fails; inconsistent dependency totals are reported as given", () => {
    const r = parseNpmAudit(deps("auditci_npm7-audit-high.json"));
    expect(r.summary).toMatchObject({ vulnerablePackages: 1, severities: { high: 1 }, dependencies: 9, fixable: 1 });
    expect(r.outcome).toBe("FAIL");
  });

  it("npm 7+: a clean audit passes", () => {
    const r = parseNpmAudit(deps("auditci_npm7-audit-none.json"));
    expect([r.outcome, (r.summary as { vulnerablePackages: number }).vulnerablePackages]).toEqual(["PASS", 0]);
  });

  it("pnpm and yarn 3 write the npm 6 shape (metadata may be null)", () => {
    const pnpm = parseNpmAudit(deps("auditci_pnpm-audit-high.json"));
    expect(pnpm.summary).toMatchObject({ tool: "npm audit (npm 6 format: pnpm or yarn 2+)", vulnerablePackages: 1, severities: { high: 1 } });
    const yarn3 = parseNpmAudit(deps("auditci_yarn3-npm-audit-workspace.json"));
    expect(yarn3.summary).toMatchObject({ vulnerablePackages: 3, severities: { critical: 1, high: 1, moderate: 1 } });
  });

  it("yarn 1 JSON Lines: the same advisory on many paths counts once", async () => {
    const r = await yarn(corpusFile("audit-deps/auditci_yarn1-audit-duplicate-paths.jsonl"));
    expect(r.summary).toMatchObject({ tool: "yarn audit (yarn 1)", vulnerablePackages: 9, severities: { critical: 2, high: 3 } });
    const minimist = packages(r.summary).find((p) => p.name === "minimist")!;
    expect(minimist.advisories).toHaveLength(1);
  });

  it("yarn 4 JSON Lines in a .json file: {value, children} with capitalised keys", async () => {
    const r = await yarn(corpusFile("audit-deps/auditci_yarn4-npm-audit-workspace.json"));
    expect(r.summary).toMatchObject({ tool: "yarn audit (yarn 2+)", vulnerablePackages: 3, severities: { critical: 1, high: 1, moderate: 1 } });
  });

  it("the home-grown CI security summary is not an npm audit (refused; the sniffer says why, see sniff.test.ts)", () => {
    expect(() => parseNpmAudit(deps("open-hostfactory-plugin_security-report.json"))).toThrow(IngestRefusal);
  });
});

describe("dependency audits: our fixtures", () => {
  it("pip-audit: vulnerable packages with fixes; skipped dependencies counted; no severity means it fails", () => {
    const r = parsePipAudit(readJson(fixtureFile("pip-audit.json")) as JsonValue);
    expect(r.summary).toMatchObject({ tool: "pip-audit", dependencies: 4, vulnerablePackages: 2, fixable: 2, skippedDependencies: 1, severities: { unknown: 2 } });
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
    const moderate = parseNpmAudit({ auditReportVersion: 2, vulnerabilities: { a: { name: "a", severity: "moderate", via: [], fixAvailable: false } } });
    expect(moderate.outcome).toBe("WARN");
    let err: unknown;
    try {
      parseNpmAudit({ error: { code: "ENOLOCK", summary: "This command requires an existing lockfile." } });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ reason: "tool-error", status: 422, message: expect.stringContaining("requires an existing lockfile") });
  });
});
