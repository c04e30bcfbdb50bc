import { describe, expect, it } from "vitest";
import { parseCycloneDx, parseSpdx } from "@/lib/ingest/sbom";
import { IngestRefusal } from "@/lib/ingest/refusal";
import { corpusFile, fixtureFile, readJson } from "@/lib/ingest/testing/corpus";
import type { JsonValue } from "@/lib/ingest/exact-json";

const cdx = (name: string) => parseCycloneDx(readJson(corpusFile(`sbom/${name}`)) as JsonValue);

describe("CycloneDX: the shared corpus", () => {
  it.each([
    ["cdx_cern-lhc-vdm-editor_bom.json", { specVersion: "1.2", components: 43, serialNumber: "urn:uuid:699b6458-60da-4f52-b1b3-34915dc01eb6", name: "lhc-vdm-editor" }],
    ["cdx_juice-shop-v11.1.2_bom.json", { specVersion: "1.2", components: 840, name: "juice-shop", componentVersion: "11.1.2" }],
    ["cdx_laravel-7.12.0_bom.1.4.json", { specVersion: "1.4", components: 62, dependencies: 63, serialNumber: null }],
    ["cdx_proton-bridge-v1.8.0.bom.json", { specVersion: "1.2", components: 201, dependencies: 202 }],
    ["open-hostfactory-plugin_python-sbom-cyclonedx.json", { specVersion: "1.4", components: 152, name: null }], // bomFormat comes last
  ])("%s lists its components and passes", (name, want) => {
    const r = cdx(name);
    expect(r.summary).toMatchObject(want);
    expect(r.outcome).toBe("PASS");
    expect(r.kind).toBe("SBOM");
  });

  it("counts licences by SPDX id and reads the metadata timestamp with its zone", () => {
    const r = cdx("cdx_proton-bridge-v1.8.0.bom.json");
    expect((r.summary as { licences: Array<{ name: string }> }).licences.map((l) => l.name)).toContain("BSD-3-Clause");
    expect(r.effectiveAt?.toISOString()).toBe("2021-05-16T15:10:53.000Z");
  });

  it("a SaaSBOM lists services instead of components", () => {
    const r = cdx("cdx_saasbom_apigateway.json");
    expect(r.summary).toMatchObject({ components: 0, services: 6 });
    expect(r.outcome).toBe("PASS");
  });

  it("a VEX document whose vulnerabilities are all not_affected has nothing open", () => {
    const r = cdx("cdx_vex_cisa-case-2.json");
    expect(r.summary).toMatchObject({ components: 0, vulnerabilities: { total: 19, open: 0 } });
    expect(r.outcome).toBe("PASS");
    expect(r.outcomeReason).toMatch(/19 vulnerability statement/);
  });
});

describe("SBOMs: our fixtures", () => {
  it("SPDX 2.3: packages, licences (NOASSERTION falls back to the declared one), package URLs", () => {
    const r = parseSpdx(readJson(fixtureFile("spdx-2.3.json")) as JsonValue);
    expect(r.summary).toMatchObject({ standard: "SPDX", specVersion: "SPDX-2.3", components: 3, withPackageUrl: 2, withoutLicence: 1, wrapped: null });
    expect((r.summary as { licences: unknown }).licences).toEqual([
      { name: "BSD-3-Clause", count: 1 },
      { name: "MIT", count: 1 },
    ]);
    expect(r.effectiveAt?.toISOString()).toBe("2026-02-01T10:15:00.000Z");
    expect(r.outcome).toBe("PASS");
  });

  it("SPDX wrapped as GitHub's dependency-graph export", () => {
    const r = parseSpdx(readJson(fixtureFile("spdx-github-export.json")) as JsonValue);
    expect(r.summary).toMatchObject({ wrapped: "github-dependency-graph", name: "com.github.example/portal", components: 2 });
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
        { id: "CVE-2021-44228", ratings: [{ severity: "medium" }, { severity: "critical" }], analysis: { state: "exploitable" } },
        { id: "CVE-2021-45046", ratings: [{ severity: "critical" }], analysis: { state: "false_positive" } },
      ],
    });
    expect(vulnerable.summary).toMatchObject({ vulnerabilities: { total: 2, open: 1, severities: { critical: 1 } } });
    expect(vulnerable.outcome).toBe("FAIL");
    const empty = parseCycloneDx({ bomFormat: "CycloneDX", specVersion: "1.5" });
    expect(empty.outcome).toBe("WARN");
  });
});
