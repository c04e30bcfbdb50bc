import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { neutraliseCell } from "@/lib/core/http/csv";
import { contentDisposition, downloadResponse } from "@/lib/core/http/download";

describe("neutraliseCell", () => {
  it("keeps every formula start a spreadsheet would run as text", () => {
    const attacks = [
      '=HYPERLINK("https://evil.example","click")',
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
      '  \uFF1DHYPERLINK("x")',
      "\t=1+1",
      "\r=1+1",
      "\n=1+1",
      "\tplain",
    ];
    for (const a of attacks) expect(neutraliseCell(a), JSON.stringify(a)).toBe(`'${a}`);
  });
  it("leaves ordinary text alone", () => {
    for (const ok of ["A1.3", "CC6.1 (failing)", "a = b", "user@example.test", "", "  spaced", "Art. 32(1)(c)"])
      expect(neutraliseCell(ok)).toBe(ok);
  });
  it("is linear on long runs of spaces", () => {
    // A backtracking pattern would take seconds here; this returns at once and the cell round-trips.
    const long = `${" ".repeat(200_000)}x`;
    expect(neutraliseCell(long)).toBe(long);
    const formula = `${" ".repeat(200_000)}=1`;
    expect(parse(`"${neutraliseCell(formula)}"\r\n`)[0][0]).toBe(`'${formula}`);
  });
});

describe("contentDisposition", () => {
  it("keeps a plain name as it is", () => {
    expect(contentDisposition("proofline-controls-2026-12-07.csv")).toBe(
      'attachment; filename="proofline-controls-2026-12-07.csv"',
    );
  });

  it("gives any other name an ASCII fallback and the exact name in UTF-8, and cannot be split or broken", () => {
    expect(contentDisposition('Zgoda "RODO" łódź.pdf')).toBe(
      `attachment; filename="Zgoda _RODO_ __d_.pdf"; filename*=UTF-8''Zgoda%20%22RODO%22%20%C5%82%C3%B3d%C5%BA.pdf`,
    );
    const hostile = 'a.txt"\r\nSet-Cookie: x=1; \\evil';
    const header = contentDisposition(hostile);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith("attachment; filename=\"a.txt___Set-Cookie: x=1; _evil\"; filename*=UTF-8''")).toBe(true);
    // A Response accepts it (an invalid header value would throw), and a browser decodes the UTF-8 form back.
    const res = downloadResponse("x", { filename: hostile });
    expect(decodeURIComponent(res.headers.get("content-disposition")!.split("UTF-8''")[1])).toBe(hostile);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(contentDisposition("   ")).toBe('attachment; filename="download"');
  });
});
