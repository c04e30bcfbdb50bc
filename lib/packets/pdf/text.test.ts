import { describe, expect, it } from "vitest";
import { pdfDate, pdfDuration, pdfPercent, pdfSafe } from "@/lib/packets/pdf/text";

describe("packet PDF text", () => {
  it("keeps every character the embedded fonts can draw, in every script the packet covers", () => {
    const names = [
      "Zugriffsprüfung – Q1 “done” …",
      "Łukasz Wałęsa",
      "Dvořák Šťastný",
      "Ștefan Țurcanu",
      "Ελένη Παπαδοπούλου",
      "Жанна Смирнова",
      "Işık Çağlar",
      "監査ログの確認",
      "RTO ≥ 4h → ok ✓",
    ];
    for (const name of names) expect(pdfSafe(name)).toBe(name);
  });

  it("prints an emoji or a character with no glyph as its code point, never a question mark", () => {
    expect(pdfSafe("Release 🚀 done 😀")).toBe("Release [U+1F680] done [U+1F600]");
    // Variation selectors only choose a presentation: left out. A heart with no glyph in the fonts: its code point.
    expect(pdfSafe("ok ❤️")).toBe("ok [U+2764]");
    // A private-use character and a control character have no glyph either.
    expect(pdfSafe("a\u{E000}b\u0007")).toBe("a[U+E000]b[U+0007]");
    // Simplified Chinese forms outside Noto Sans JP (the last face of the chain): their code points.
    expect(pdfSafe("审计 log\r\n\tend")).toBe("[U+5BA1][U+8BA1] log\n  end");
    expect(pdfSafe(null)).toBe("");
  });

  it("puts text in normalisation form C, so a decomposed accent is the one character", () => {
    expect(pdfSafe("Dvor\u030Ca\u0301k")).toBe("Dvořák");
  });

  it("formats dates, durations and scores the same way everywhere", () => {
    expect(pdfDate("2026-06-30T23:59:59.999Z")).toBe("2026-06-30 23:59 UTC");
    expect(pdfDuration(5400)).toBe("1.5 h");
    expect(pdfDuration(7200)).toBe("2 h");
    expect(pdfDuration(90)).toBe("2 min");
    expect(pdfPercent(0.8765)).toBe("87.7%");
    expect(pdfPercent(null)).toBe("n/a");
  });
});
