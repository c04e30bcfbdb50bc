import { describe, expect, it } from "vitest";
import { pdfDate, pdfDuration, pdfPercent, pdfSafe } from "@/lib/packets/pdf/text";

describe("packet PDF text", () => {
  it("keeps what Helvetica can print and replaces the rest", () => {
    expect(pdfSafe("Zugriffsprüfung – Q1 “done” …")).toBe("Zugriffsprüfung – Q1 “done” …");
    expect(pdfSafe("RTO ≥ 4h → ok ✓")).toBe("RTO >= 4h -> ok yes");
    expect(pdfSafe("审计 log\r\n")).toBe("?? log\n");
    expect(pdfSafe(null)).toBe("");
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
