// Conformance: format sniffing against real tool output in ../shared/corpus
// (run by the conformance tier when ../shared is beside the repository; see scripts/test.ts).
import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/ingest/testing/refusals";
import { planParse, type BodyFile, type ParsePlan } from "@/lib/ingest/parse-body";
import { DEFAULT_LIMITS, type IngestLimits } from "@/lib/ingest/limits";
import type { FormatId } from "@/lib/ingest/formats";
import { corpusFile, fileBody } from "@/lib/ingest/testing/corpus";

const plan = (body: BodyFile, named?: FormatId, limits: Partial<IngestLimits> = {}) =>
  planParse({ body, named, limits: { ...DEFAULT_LIMITS, ...limits }, auditMapping: null });
const formatOf = (p: ParsePlan) => (p.type === "evidence" ? p.parsed.format : p.type);

describe("sniffing: every dependency audit, SBOM, SARIF and audit log in the shared corpus", () => {
  it.each([
    ["sarif/open-hostfactory-plugin_bandit-report.sarif", "sarif"], // $schema and version come last
    ["sarif/pygoat_semgrep_LARGE.sarif", "sarif"], // one 1 MB line: a document, not JSON Lines
    ["audit-deps/auditci_npm6-audit-allowlisted-path.json", "npm-audit"],
    ["audit-deps/auditci_npm7-audit-allowlisted-path.json", "npm-audit"],
    ["audit-deps/auditci_npm7-audit-high.json", "npm-audit"],
    ["audit-deps/auditci_npm7-audit-none.json", "npm-audit"],
    ["audit-deps/auditci_pnpm-audit-high.json", "npm-audit"],
    ["audit-deps/auditci_yarn3-npm-audit-workspace.json", "npm-audit"],
    ["audit-deps/auditci_yarn1-audit-duplicate-paths.jsonl", "yarn-audit"],
    ["audit-deps/auditci_yarn4-npm-audit-workspace.json", "yarn-audit"], // .json name, JSON Lines content
    ["sbom/cdx_cern-lhc-vdm-editor_bom.json", "cyclonedx"],
    ["sbom/cdx_juice-shop-v11.1.2_bom.json", "cyclonedx"],
    ["sbom/cdx_laravel-7.12.0_bom.1.4.json", "cyclonedx"],
    ["sbom/cdx_proton-bridge-v1.8.0.bom.json", "cyclonedx"],
    ["sbom/cdx_saasbom_apigateway.json", "cyclonedx"],
    ["sbom/cdx_vex_cisa-case-2.json", "cyclonedx"],
    ["sbom/open-hostfactory-plugin_python-sbom-cyclonedx.json", "cyclonedx"], // bomFormat comes last
    ["sarif/open-hostfactory-plugin_bandit-report.native.json", "bandit"], // Bandit's own JSON, not SARIF
  ])("%s is %s", async (file, format) => {
    const p = await plan(fileBody(corpusFile(file)));
    expect(formatOf(p)).toBe(format);
    expect(p.type === "evidence" && p.detected).toBe(true);
  });

  it.each([
    ["audit-deps/open-hostfactory-plugin_security-report.json", "unknown-format", /keys "scan_timestamp", "project"/],
    ["auditlogs/pgaudit_expected_pgaudit.out.log", "unknown-format", /PostgreSQL log output with pgaudit lines/],
  ])("%s is refused (%s) and says what it is", async (file, reason, message) => {
    const err = await refusal(plan(fileBody(corpusFile(file))));
    expect(err.reason).toBe(reason);
    expect(err.message).toMatch(message);
  });

  it("every JUnit file in the corpus is sniffed as XML and handed to the JUnit parser", async () => {
    const p = await plan(fileBody(corpusFile("junit/dorny_jest-junit.xml")));
    expect(formatOf(p)).toBe("junit");
  });
});

describe("named formats against the shared corpus", () => {
  it("refuses a wrong format by name with what the body really is", async () => {
    const sarifAsSbom = await refusal(
      plan(fileBody(corpusFile("sarif/open-hostfactory-plugin_bandit-report.sarif")), "cyclonedx"),
    );
    expect([sarifAsSbom.reason, sarifAsSbom.status]).toEqual(["format-mismatch", 422]);
    const xmlAsSarif = await refusal(plan(fileBody(corpusFile("junit/dorny_jest-junit.xml")), "sarif"));
    expect(xmlAsSarif.message).toMatch(/but the body is JUnit XML test report/);
    expect(
      (await refusal(plan(fileBody(corpusFile("auditlogs/pgaudit_expected_pgaudit.out.log")), "audit-log"))).reason,
    ).toBe("format-mismatch");
  });
});
