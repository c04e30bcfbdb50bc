import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/ingest/testing/refusals";
import { planParse, type ParsePlan } from "@/lib/ingest/parse-body";
import { DEFAULT_LIMITS } from "@/lib/ingest/limits";
import type { FormatId } from "@/lib/ingest/formats";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { fileBody, fixtureFile, bufferBody } from "@/lib/ingest/testing/corpus";
import { cvssBand } from "@/lib/ingest/osv-scanner";

// Our own fixtures in each scanner's JSON shape, pushed through the one entry point (detection, then
// the parser), as the API does.
const plan = (file: string, named?: FormatId) =>
  planParse({ body: fileBody(fixtureFile(`scanners/${file}`)), named, limits: DEFAULT_LIMITS, auditMapping: null });

async function parsed(file: string, named?: FormatId): Promise<ParsedEvidence & { detected: boolean }> {
  const p: ParsePlan = await plan(file, named);
  if (p.type !== "evidence") throw new Error(`expected evidence, got ${p.type}`);
  return { ...p.parsed, detected: p.detected };
}

type Summary = {
  severities: Record<string, number>;
  vulnerabilities?: Record<string, number>;
  packages?: Array<{ name: string; severity: string; fixVersions?: string[]; advisories: Array<{ id: string }> }>;
};
const summary = (e: ParsedEvidence) => e.summary as Summary & Record<string, unknown>;

describe("Trivy", () => {
  it("an image scan: packages by worst severity, vulnerabilities counted once per package, the secret counted beside them", async () => {
    const r = await parsed("trivy-image.json");
    expect([r.detected, r.format, r.kind, r.outcome]).toEqual([true, "trivy", "DEPENDENCY_AUDIT", "FAIL"]);
    expect(summary(r)).toMatchObject({
      artifactType: "container_image",
      artifactName: "registry.example.com/ledger/api:2.14.0",
      os: "alpine 3.20.3",
      vulnerablePackages: 4,
      severities: { critical: 2, high: 1, moderate: 1, low: 0 },
      vulnerabilities: { critical: 2, high: 1, moderate: 1, low: 1 },
      secrets: 1,
      misconfigurations: 0,
      otherFindings: { findings: 1, severities: { critical: 1 } },
    });
    const busybox = summary(r).packages!.find((p) => p.name === "busybox")!;
    expect([busybox.severity, busybox.advisories.map((a) => a.id)]).toEqual([
      "moderate",
      ["CVE-2026-8811", "CVE-2026-7702"],
    ]);
    expect(summary(r).packages!.find((p) => p.name === "path-to-regexp")!.fixVersions).toEqual(["0.1.10", "1.9.0"]);
    expect(r.subject).toBe("Trivy image registry.example.com/ledger/api:2.14.0");
    expect(r.effectiveAt?.toISOString()).toBe("2026-11-30T08:14:52.318Z");
  });

  it("a filesystem scan with medium and low findings and a failed low misconfiguration check warns", async () => {
    const r = await parsed("trivy-fs.json");
    expect([r.format, r.outcome]).toEqual(["trivy", "WARN"]);
    expect(summary(r)).toMatchObject({
      artifactType: "filesystem",
      vulnerablePackages: 3,
      severities: { moderate: 2, low: 1 },
      misconfigurations: 1,
      otherFindings: { severities: { low: 1 } },
    });
    expect(r.effectiveAt?.toISOString()).toBe("2026-11-30T08:02:11.004Z");
  });

  it("a clean image (no Results) passes", async () => {
    const p = await planParse({
      body: bufferBody(
        JSON.stringify({ SchemaVersion: 2, ArtifactName: "alpine:3.20", ArtifactType: "container_image" }),
      ),
      limits: DEFAULT_LIMITS,
      auditMapping: null,
    });
    expect(p.type === "evidence" && [p.parsed.format, p.parsed.outcome]).toEqual(["trivy", "PASS"]);
  });

  it.each([
    ["trivy-truncated.json", "truncated", /ends before the JSON is complete/],
    ["trivy-results-not-array.json", "invalid-content", /`Results` must be an array/],
    ["trivy-schema-1.json", "unsupported-format", /schema 1 is not known/],
  ])("%s is refused (%s)", async (file, reason, message) => {
    const err = await refusal(plan(file));
    expect([err.reason, err.message]).toEqual([reason, expect.stringMatching(message)]);
  });
});

describe("Grype", () => {
  it("an image scan: High fails; Negligible is informational; ignored matches are counted, not scored", async () => {
    const r = await parsed("grype-image.json");
    expect([r.detected, r.format, r.kind, r.outcome]).toEqual([true, "grype", "DEPENDENCY_AUDIT", "FAIL"]);
    expect(summary(r)).toMatchObject({
      target: "registry.example.com/reports/worker:1.8.2",
      sourceType: "image",
      distro: "debian 12",
      scannerVersion: "0.86.1",
      matches: 3,
      ignoredMatches: 1,
      vulnerablePackages: 3,
      severities: { high: 1, moderate: 1, info: 1 },
      fixable: 2,
    });
    expect(r.outcomeReason).toMatch(/^0 critical, 1 high/);
  });

  it.each([
    ["grype-truncated.json", "truncated"],
    ["grype-match-without-artifact.json", "invalid-content"],
  ])("%s is refused (%s)", async (file, reason) => {
    const err = await refusal(plan(file));
    expect(err.reason).toBe(reason);
    if (reason === "invalid-content")
      expect(err.message).toMatch(/Grype match 1 has no vulnerability.id or artifact.name/);
  });
});

describe("OSV-Scanner", () => {
  it("counts groups (a vulnerability under all its ids) with CVSS bands, falling back to the record's own rating", async () => {
    const r = await parsed("osv-scanner.json");
    expect([r.detected, r.format, r.kind, r.outcome]).toEqual([true, "osv-scanner", "DEPENDENCY_AUDIT", "FAIL"]);
    // 7.5 -> high; "" -> the record's LOW; 6.7 -> moderate, GHSA and PYSEC ids counted once.
    expect(summary(r)).toMatchObject({
      vulnerablePackages: 3,
      severities: { high: 1, moderate: 1, low: 1 },
      vulnerabilities: { high: 1, moderate: 1, low: 1 },
      fixable: 3,
    });
    expect(
      summary(r)
        .packages!.find((p) => p.name === "pillow")!
        .advisories.map((a) => a.id),
    ).toEqual(["GHSA-44wm-f244-xhp3"]);
    expect((summary(r).sources as unknown[]).length).toBe(2);
  });

  it("CVSS bands", () => {
    expect(["9.8", "7.0", "6.9", "4.0", "0.1", "0", "", "n/a"].map(cvssBand)).toEqual([
      "critical",
      "high",
      "moderate",
      "moderate",
      "low",
      "info",
      undefined,
      undefined,
    ]);
  });

  it("a clean run passes; a truncated one is refused", async () => {
    const p = await planParse({
      body: bufferBody(`{"results": [], "experimental_config": {"licenses": {"summary": false, "allowlist": null}}}`),
      limits: DEFAULT_LIMITS,
      auditMapping: null,
    });
    expect(p.type === "evidence" && [p.parsed.format, p.parsed.outcome]).toEqual(["osv-scanner", "PASS"]);
    expect((await refusal(plan("osv-scanner-truncated.json"))).reason).toBe("truncated");
  });
});

describe("gitleaks", () => {
  it("each leaked secret is a high finding and fails; the secret itself is not kept", async () => {
    const r = await parsed("gitleaks.json");
    expect([r.detected, r.format, r.kind, r.outcome]).toEqual([true, "gitleaks", "SAST_SCAN", "FAIL"]);
    expect(summary(r)).toMatchObject({
      findings: 2,
      severities: { high: 2 },
      files: 2,
      commits: 2,
      secretsKept: false,
    });
    expect(JSON.stringify(r.summary)).not.toContain("AKIAZ7EXAMPLE4QRSTUV");
    expect(JSON.stringify(r.summary)).not.toContain("pk_live_");
  });

  it("a clean report is `[]`: detection cannot tell it from other empty arrays, so it is pushed with ?format=gitleaks and passes", async () => {
    expect((await refusal(plan("gitleaks-clean.json"))).reason).toBe("unknown-format");
    const r = await parsed("gitleaks-clean.json", "gitleaks");
    expect([r.detected, r.outcome, summary(r).findings]).toEqual([false, "PASS", 0]);
  });

  it("a truncated report is refused", async () => {
    expect((await refusal(plan("gitleaks-truncated.json"))).reason).toBe("truncated");
  });
});

describe("Bandit", () => {
  it("its own JSON: severities counted; medium and low warn; files it could not scan are listed", async () => {
    const r = await parsed("bandit.json");
    expect([r.detected, r.format, r.kind, r.outcome]).toEqual([true, "bandit", "SAST_SCAN", "WARN"]);
    expect(summary(r)).toMatchObject({
      findings: 3,
      severities: { high: 0, moderate: 1, low: 2 },
      confidence: { HIGH: 2, MEDIUM: 1 },
      linesOfCode: 2317,
      nosec: 1,
      errors: 1,
    });
    expect(r.effectiveAt?.toISOString()).toBe("2026-11-30T11:05:49.000Z");
  });

  it("a clean scan with files it could not read is a warning; a HIGH finding fails", async () => {
    const body = (results: unknown[]) =>
      bufferBody(
        JSON.stringify({
          errors: [{ filename: "a.py", reason: "syntax error" }],
          generated_at: "2026-11-30T11:05:49Z",
          metrics: { _totals: {} },
          results,
        }),
      );
    const clean = await planParse({ body: body([]), limits: DEFAULT_LIMITS, auditMapping: null });
    expect(clean.type === "evidence" && [clean.parsed.outcome, clean.parsed.outcomeReason]).toEqual([
      "WARN",
      "No findings, but Bandit could not scan 1 file(s).",
    ]);
    const high = await planParse({
      body: body([{ test_id: "B602", issue_severity: "HIGH", filename: "a.py", line_number: 3 }]),
      limits: DEFAULT_LIMITS,
      auditMapping: null,
    });
    expect(high.type === "evidence" && high.parsed.outcome).toBe("FAIL");
  });

  it("a truncated report is refused; naming the wrong format is refused", async () => {
    expect((await refusal(plan("bandit-truncated.json"))).reason).toBe("truncated");
    expect((await refusal(plan("bandit.json", "sarif"))).reason).toBe("format-mismatch");
  });
});
