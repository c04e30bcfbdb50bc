import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { neutraliseCell } from "@/lib/csv-cell";

describe("neutraliseCell", () => {
  it("keeps every formula start a spreadsheet would run as text", () => {
    const attacks = [
      "=HYPERLINK(\"https://evil.example\",\"click\")",
      "+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(A1:A9)",
      " =1+1",
      "   @SUM(A1)",
      "\u00a0=1+1",
      "\u3000=1+1",
      "\uFEFF=1+1",
      "\uFF1D1+1",
      "\uFF0B1+1",
      "\uFF0D1+1",
      "\uFF20SUM(A1)",
      "  \uFF1DHYPERLINK(\"x\")",
      "\t=1+1",
      "\r=1+1",
      "\n=1+1",
      "\tplain",
    ];
    for (const a of attacks) expect(neutraliseCell(a), JSON.stringify(a)).toBe(`'${a}`);
  });
  it("leaves ordinary text alone", () => {
    for (const ok of ["A1.3", "CC6.1 (failing)", "a = b", "user@example.test", "", "  spaced", "Art. 32(1)(c)"]) expect(neutraliseCell(ok)).toBe(ok);
  });
  it("is linear on long runs of spaces", () => {
    // A backtracking pattern would take seconds here; this returns at once and the cell round-trips.
    const long = `${" ".repeat(200_000)}x`;
    expect(neutraliseCell(long)).toBe(long);
    const formula = `${" ".repeat(200_000)}=1`;
    expect(parse(`"${neutraliseCell(formula)}"\r\n`)[0][0]).toBe(`'${formula}`);
  });
});
