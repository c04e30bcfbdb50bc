// Conformance: the CycloneDX parser against real SBOMs in ../shared/corpus/sbom
// (run by the conformance tier when ../shared is beside the repository; see scripts/test.ts).
import { describe, expect, it } from "vitest";
import { parseCycloneDx } from "@/lib/ingest/sbom";
import { corpusFile, readJson } from "@/lib/ingest/testing/corpus";
import type { JsonValue } from "@/lib/ingest/exact-json";
import { expectCycloneDxPasses, expectSaasBom, expectVexNothingOpen } from "@/lib/ingest/testing/cyclonedx-checks";

const cdx = (name: string) => parseCycloneDx(readJson(corpusFile(`sbom/${name}`)) as JsonValue);

describe("CycloneDX: the shared corpus", () => {
  it.each([
    [
      "cdx_cern-lhc-vdm-editor_bom.json",
      {
        specVersion: "1.2",
        components: 43,
        serialNumber: "urn:uuid:699b6458-60da-4f52-b1b3-34915dc01eb6",
        name: "lhc-vdm-editor",
      },
    ],
    [
      "cdx_juice-shop-v11.1.2_bom.json",
      { specVersion: "1.2", components: 840, name: "juice-shop", componentVersion: "11.1.2" },
    ],
    ["cdx_laravel-7.12.0_bom.1.4.json", { specVersion: "1.4", components: 62, dependencies: 63, serialNumber: null }],
    ["cdx_proton-bridge-v1.8.0.bom.json", { specVersion: "1.2", components: 201, dependencies: 202 }],
    ["open-hostfactory-plugin_python-sbom-cyclonedx.json", { specVersion: "1.4", components: 152, name: null }], // bomFormat comes last
  ])("%s lists its components and passes", (name, want) => {
    expectCycloneDxPasses(cdx(name), want);
  });

  it("counts licences by SPDX id and reads the metadata timestamp with its zone", () => {
    const r = cdx("cdx_proton-bridge-v1.8.0.bom.json");
    expect((r.summary as { licences: Array<{ name: string }> }).licences.map((l) => l.name)).toContain("BSD-3-Clause");
    expect(r.effectiveAt?.toISOString()).toBe("2021-05-16T15:10:53.000Z");
  });

  it("a SaaSBOM lists services instead of components", () => {
    expectSaasBom(cdx("cdx_saasbom_apigateway.json"), 6);
  });

  it("a VEX document whose vulnerabilities are all not_affected has nothing open", () => {
    expectVexNothingOpen(cdx("cdx_vex_cisa-case-2.json"), 19);
  });
});
