import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { readinessCsv } from "@/lib/readiness/readiness-csv";
import type { ReadinessResult } from "@/lib/readiness/types";

const AT = new Date("2026-06-30T12:00:00Z");

// A blocker title and a requirement title that an imported document or a pushed report could carry.
function result(blockerTitle: string, requirementTitle: string): ReadinessResult {
  return {
    at: AT,
    controls: [
      {
        id: "c1",
        key: "=CHG-04",
        title: "Change approval",
        state: "failing",
        reasons: [
          {
            type: "blocker-open",
            severity: "failing",
            itemId: "i1",
            key: null,
            title: blockerTitle,
            openedAt: new Date("2026-06-01T00:00:00Z"),
          },
        ],
        notes: [],
        justification: null,
        expectations: [],
      },
    ],
    frameworks: [
      {
        frameworkId: "f1",
        key: "soc2",
        name: "SOC 2",
        met: 0,
        applicable: 1,
        score: 0,
        families: [],
        controlCounts: { not_applicable: 0, failing: 1, stale: 0, passing: 0 },
        requirements: [
          {
            id: "r1",
            refId: "CC8.1",
            title: requirementTitle,
            level: "point",
            parentId: null,
            depth: 0,
            familyId: null,
            status: "unmet",
            controlIds: ["c1"],
            inherited: [],
            retired: false,
            blockingControlIds: ["c1"],
            note: null,
            met: 0,
            applicable: 1,
          },
        ],
      },
    ],
  };
}

describe("readiness CSV", () => {
  it("keeps formulas from document and evidence text inert, including after spaces and in full-width form", () => {
    const csv = readinessCsv(
      result(' =HYPERLINK("https://evil.example","fix")', '\uFF1DWEBSERVICE("https://evil.example")'),
    );
    const rows = parse(csv, { columns: true, record_delimiter: "\r\n" }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toBe('\'\uFF1DWEBSERVICE("https://evil.example")');
    expect(rows[0].controls).toBe("'=CHG-04 (failing)");
    expect(rows[0].reasons.startsWith("'=CHG-04: blocker")).toBe(true);
    for (const cell of Object.values(rows[0])) expect(cell).not.toMatch(/^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/);
  });

  it("ends every record with CRLF", () => {
    const csv = readinessCsv(result("Open item", "Changes are authorised"));
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "").includes("\n")).toBe(false);
    expect(csv.split("\r\n")).toHaveLength(3);
  });
});
