import { describe, expect, it } from "vitest";
import { parseCycloneDx, parseSpdx } from "@/lib/ingest/sbom";
import { IngestRefusal } from "@/lib/core/http/refusal";
import { fixtureFile, readJson } from "@/lib/ingest/testing/corpus";
import type { JsonValue } from "@/lib/ingest/exact-json";
import { expectCycloneDxPasses, expectSaasBom, expectVexNothingOpen } from "@/lib/ingest/testing/cyclonedx-checks";

const cdx = (name: string) => parseCycloneDx(readJson(fixtureFile(`sbom/${name}`)) as JsonValue);
const spdx = (name: string) => parseSpdx(readJson(fixtureFile(name)) as JsonValue);

describe("CycloneDX: our fixtures of each shape", () => {
  it.each([
    [
      "cyclonedx-1.4-app.json",
      {
        specVersion: "1.4",
        components: 10,
        dependencies: 11,
        serialNumber: "urn:uuid:5b1e6f0c-2d7a-4e0b-9f3c-8a4d2c6e1b77",
        name: "orchestrator",
        componentVersion: "1.8.0",
        withoutLicence: 1,
      },
    ],
    ["cyclonedx-bomformat-last.json", { specVersion: "1.4", components: 4, name: null, serialNumber: null }], // bomFormat comes last
  ])("%s lists its components and passes", (name, want) => {
    expectCycloneDxPasses(cdx(name), want);
  });

  it("counts licences by SPDX id and reads the metadata timestamp with its zone", () => {
    const r = cdx("cyclonedx-1.4-app.json");
    expect((r.summary as { licences: unknown }).licences).toEqual([
      { name: "BSD-3-Clause", count: 4 },
      { name: "MIT", count: 4 },
      { name: "MPL-2.0", count: 1 },
    ]);
    expect(r.effectiveAt?.toISOString()).toBe("2026-01-20T15:45:10.000Z"); // +01:00 applied
  });

  it("a SaaSBOM lists services instead of components", () => {
    expectSaasBom(cdx("cyclonedx-saasbom.json"), 4);
  });

  it("a VEX document whose vulnerabilities are all not_affected has nothing open", () => {
    expectVexNothingOpen(cdx("cyclonedx-vex.json"), 5);
  });
});

describe("SBOMs: our fixtures", () => {
  it("SPDX 2.3: packages, licences (NOASSERTION falls back to the declared one), package URLs", () => {
    const r = spdx("spdx-2.3.json");
    expect(r.summary).toMatchObject({
      standard: "SPDX",
      specVersion: "SPDX-2.3",
      components: 3,
      withPackageUrl: 2,
      withoutLicence: 1,
      wrapped: null,
    });
    expect((r.summary as { licences: unknown }).licences).toEqual([
      { name: "BSD-3-Clause", count: 1 },
      { name: "MIT", count: 1 },
    ]);
    expect(r.effectiveAt?.toISOString()).toBe("2026-02-01T10:15:00.000Z");
    expect(r.outcome).toBe("PASS");
  });

  it("SPDX wrapped as GitHub's dependency-graph export", () => {
    const r = spdx("spdx-github-export.json");
    expect(r.summary).toMatchObject({
      wrapped: "github-dependency-graph",
      name: "com.github.example/portal",
      components: 2,
    });
  });

  it("refuses SPDX 3 JSON-LD and other SPDX versions by name", () => {
    const spdx3 = { "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [] };
    expect(() => parseSpdx(spdx3)).toThrow(/SPDX 3/);
    expect(() => parseSpdx({ spdxVersion: "SPDX-1.2", packages: [] })).toThrow(IngestRefusal);
  });

  it("open critical or high vulnerabilities fail an SBOM; an empty SBOM warns", () => {
    const vulnerable = parseCycloneDx({
      bomFormat: "CycloneDX",
      specVersion: "1.5",
      components: [{ type: "library", name: "log4j-core", version: "2.14.1" }],
      vulnerabilities: [
        {
          id: "CVE-2021-44228",
          ratings: [{ severity: "medium" }, { severity: "critical" }],
          analysis: { state: "exploitable" },
        },
        { id: "CVE-2021-45046", ratings: [{ severity: "critical" }], analysis: { state: "false_positive" } },
      ],
    });
    expect(vulnerable.summary).toMatchObject({ vulnerabilities: { total: 2, open: 1, severities: { critical: 1 } } });
    expect(vulnerable.outcome).toBe("FAIL");
    const empty = parseCycloneDx({ bomFormat: "CycloneDX", specVersion: "1.5" });
    expect(empty.outcome).toBe("WARN");
  });
});
