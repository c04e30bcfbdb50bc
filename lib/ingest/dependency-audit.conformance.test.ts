// Conformance: the dependency-audit parsers against real tool output in ../shared/corpus/audit-deps
// (run by the conformance tier when ../shared is beside the repository; see scripts/test.ts).
import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseNpmAudit } from "@/lib/ingest/npm-audit";
import { parseYarnAudit } from "@/lib/ingest/yarn-audit";
import { readLines } from "@/lib/ingest/bytes";
import { IngestRefusal } from "@/lib/core/http/refusal";
import { corpusFile, readJson } from "@/lib/ingest/testing/corpus";
import type { JsonValue } from "@/lib/ingest/exact-json";

const deps = (name: string) => readJson(corpusFile(`audit-deps/${name}`)) as JsonValue;
const yarn = (file: string) => parseYarnAudit(readLines(createReadStream(file), 1024 * 1024));
type Pkg = { name: string; severity: string; fixAvailable: boolean; advisories: Array<{ id: string }> };
const packages = (s: unknown) => (s as { packages: Pkg[] }).packages;

describe("dependency audits: the shared corpus", () => {
  it("npm 6: advisories with findings, merged by package", () => {
    const r = parseNpmAudit(deps("auditci_npm6-audit-allowlisted-path.json"));
    expect(r.summary).toMatchObject({
      tool: "npm audit (npm 6)",
      vulnerablePackages: 2,
      severities: { critical: 0, high: 2 },
    });
    expect(
      packages(r.summary)
        .map((p) => p.name)
        .sort(),
    ).toEqual(["axios", "follow-redirects"]);
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
    expect(pnpm.summary).toMatchObject({
      tool: "npm audit (npm 6 format: pnpm or yarn 2+)",
      vulnerablePackages: 1,
      severities: { high: 1 },
    });
    const yarn3 = parseNpmAudit(deps("auditci_yarn3-npm-audit-workspace.json"));
    expect(yarn3.summary).toMatchObject({ vulnerablePackages: 3, severities: { critical: 1, high: 1, moderate: 1 } });
  });

  it("yarn 1 JSON Lines: the same advisory on many paths counts once", async () => {
    const r = await yarn(corpusFile("audit-deps/auditci_yarn1-audit-duplicate-paths.jsonl"));
    expect(r.summary).toMatchObject({
      tool: "yarn audit (yarn 1)",
      vulnerablePackages: 9,
      severities: { critical: 2, high: 3 },
    });
    const minimist = packages(r.summary).find((p) => p.name === "minimist")!;
    expect(minimist.advisories).toHaveLength(1);
  });

  it("yarn 4 JSON Lines in a .json file: {value, children} with capitalised keys", async () => {
    const r = await yarn(corpusFile("audit-deps/auditci_yarn4-npm-audit-workspace.json"));
    expect(r.summary).toMatchObject({
      tool: "yarn audit (yarn 2+)",
      vulnerablePackages: 3,
      severities: { critical: 1, high: 1, moderate: 1 },
    });
  });

  it("the home-grown CI security summary is not an npm audit (refused; the sniffer says why, see sniff.test.ts)", () => {
    expect(() => parseNpmAudit(deps("open-hostfactory-plugin_security-report.json"))).toThrow(IngestRefusal);
  });
});
