// Conformance: the SARIF parser against real scanner output in ../shared/corpus/sarif
// (run by the conformance tier when ../shared is beside the repository; see scripts/test.ts).
import { describe, expect, it } from "vitest";
import { refused } from "@/lib/ingest/testing/refusals";
import { parseSarif } from "@/lib/ingest/sarif";
import { parseBandit } from "@/lib/ingest/bandit";
import { corpusFile, readJson } from "@/lib/ingest/testing/corpus";
import type { JsonValue } from "@/lib/ingest/exact-json";

const corpus = (name: string) => parseSarif(readJson(corpusFile(`sarif/${name}`)) as JsonValue);

describe("SARIF: the shared corpus", () => {
  it("Bandit: results without a level and rules without a default configuration count as warnings; the note stays a note", () => {
    const r = corpus("open-hostfactory-plugin_bandit-report.sarif");
    expect(r.summary).toMatchObject({
      results: 3,
      levels: { error: 0, warning: 2, note: 1, none: 0 },
      tools: [{ name: "Bandit" }],
    });
    expect(r.outcome).toBe("WARN");
    expect(r.effectiveAt?.toISOString()).toBe("2025-07-13T11:53:19.000Z");
    expect((r.summary as { findings: Array<{ location?: string }> }).findings[0].location).toBe(
      "src/config/schemas/server_schema.py:45",
    );
  });

  it("Semgrep: every result falls back to its rule's defaultConfiguration level", () => {
    const r = corpus("pygoat_semgrep_LARGE.sarif");
    expect(r.summary).toMatchObject({ results: 46, levels: { error: 15, warning: 31, note: 0 } });
    expect(r.outcome).toBe("FAIL");
    expect(r.outcomeReason).toMatch(/15 error-level/);
    expect((r.summary as { topRules: unknown[] }).topRules.length).toBeGreaterThan(0);
  });

  it("Bandit's native JSON is not SARIF (the sniffer reads it as Bandit's own format), and parsing it as SARIF is refused", () => {
    const err = refused(() => corpus("open-hostfactory-plugin_bandit-report.native.json"));
    expect(err.reason).toBe("invalid-content");
  });

  it("Bandit's native JSON read as Bandit: its findings match its own totals (SEVERITY.MEDIUM 2, LOW 1)", () => {
    const r = parseBandit(readJson(corpusFile("sarif/open-hostfactory-plugin_bandit-report.native.json")) as JsonValue);
    expect(r.summary).toMatchObject({
      findings: 3,
      severities: { high: 0, moderate: 2, low: 1 },
      linesOfCode: 49014,
      errors: 0,
    });
    expect(r.outcome).toBe("WARN");
  });
});
