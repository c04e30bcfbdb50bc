import { describe, expect, it } from "vitest";
import { refused } from "@/lib/ingest/testing/refusals";
import { parseSarif } from "@/lib/ingest/sarif";
import { fixtureFile, readJson } from "@/lib/ingest/testing/corpus";
import type { JsonValue } from "@/lib/ingest/exact-json";

const fixture = (name: string) => parseSarif(readJson(fixtureFile(`sarif/${name}`)) as JsonValue);

describe("SARIF: our fixtures of each tool's shape", () => {
  it("a linter's SARIF: results without a level and rules without a default configuration count as warnings; the note stays a note", () => {
    const r = fixture("pylint-sec.sarif");
    expect(r.summary).toMatchObject({
      results: 3,
      levels: { error: 0, warning: 2, note: 1, none: 0 },
      tools: [{ name: "PyLint-Sec", version: "1.4.2" }],
    });
    expect(r.outcome).toBe("WARN");
    expect(r.effectiveAt?.toISOString()).toBe("2026-02-14T09:30:05.000Z");
    expect((r.summary as { findings: Array<{ location?: string }> }).findings[0].location).toBe(
      "service/settings.py:27",
    );
  });

  it("a rule scanner's SARIF: every result falls back to its rule's defaultConfiguration level", () => {
    const r = fixture("rulescan.sarif");
    expect(r.summary).toMatchObject({ results: 9, levels: { error: 4, warning: 5, note: 0 } });
    expect(r.outcome).toBe("FAIL");
    expect(r.outcomeReason).toMatch(/4 error-level/);
    expect((r.summary as { topRules: Array<{ ruleId: string; count: number }> }).topRules[0]).toMatchObject({
      ruleId: "rules.sql-concat",
      count: 4,
    });
  });

  it("Bandit's native JSON shape is not SARIF, and parsing it as SARIF is refused", () => {
    const err = refused(() => fixture("bandit-native.json"));
    expect(err.reason).toBe("invalid-content");
  });
});

describe("SARIF: our fixtures", () => {
  const rules = [
    { id: "R1", defaultConfiguration: { level: "error" } },
    { id: "R2", defaultConfiguration: { level: "note" } },
    { id: "R3" },
  ];
  const doc = {
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [
      {
        tool: { driver: { name: "CodeQL", semanticVersion: "2.20.0", rules } },
        invocations: [{ executionSuccessful: true, endTimeUtc: "2026-03-01T10:00:00Z" }],
        versionControlProvenance: [
          { repositoryUri: "https://github.com/example/portal", revisionId: "abc123", branch: "main" },
        ],
        results: [
          {
            ruleId: "R1",
            message: { text: "SQL injection" },
            locations: [{ physicalLocation: { artifactLocation: { uri: "app/db.ts" }, region: { startLine: 12 } } }],
          },
          { ruleIndex: 1, message: { text: "by index" } },
          { rule: { id: "R3" }, message: { text: "no default: warning" } },
          { ruleId: "R1", level: "note", message: { text: "own level wins" } },
          { ruleId: "R1", suppressions: [{ kind: "inSource" }], message: { text: "suppressed" } },
          {
            ruleId: "R1",
            suppressions: [{ kind: "external", status: "rejected" }],
            message: { text: "rejected suppression still counts" },
          },
          { ruleId: "R1", kind: "pass", message: { text: "a passing check" } },
        ],
      },
      {
        tool: { driver: { name: "Semgrep" } },
        invocations: [{ executionSuccessful: false, endTimeUtc: "2026-03-01T11:00:00Z" }],
        results: [],
      },
    ],
  };

  it("reads several runs, resolves rules by id, index and reference, and skips suppressed and passing results", () => {
    const r = parseSarif(doc as unknown as JsonValue);
    expect(r.summary).toMatchObject({
      runs: 2,
      results: 5,
      levels: { error: 2, warning: 1, note: 2, none: 0 },
      suppressed: 1,
      notFailing: 1,
      incompleteRuns: 1,
      tools: [
        { name: "CodeQL", version: "2.20.0" },
        { name: "Semgrep", version: undefined },
      ],
    });
    expect(r.outcome).toBe("FAIL");
    expect(r.effectiveAt?.toISOString()).toBe("2026-03-01T11:00:00.000Z");
    expect(r.source).toEqual({ repo: "https://github.com/example/portal", commit: "abc123", branch: "main" });
    expect((r.summary as { findings: Array<Record<string, unknown>> }).findings[0]).toEqual({
      ruleId: "R1",
      level: "error",
      message: "SQL injection",
      location: "app/db.ts:12",
    });
  });

  it("warns when a run did not complete even without findings, and passes a clean scan", () => {
    const incomplete = parseSarif({
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "X" } }, invocations: [{ executionSuccessful: false }], results: [] }],
    });
    expect([incomplete.outcome, incomplete.outcomeReason]).toEqual(["WARN", "1 run(s) did not complete successfully."]);
    const clean = parseSarif({
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "X" } }, results: [{ level: "note", message: { text: "fyi" } }] }],
    });
    expect(clean.outcome).toBe("PASS");
  });

  it("refuses SARIF versions other than 2.1.0 and documents without runs", () => {
    expect(refused(() => parseSarif({ version: "2.0.0", runs: [] })).reason).toBe("unsupported-format");
    expect(refused(() => parseSarif({ version: "2.1.0" })).message).toMatch(/runs/);
  });
});
