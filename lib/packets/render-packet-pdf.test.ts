import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderPacketPdf } from "@/lib/packets/render-packet-pdf";
import type { PacketData, PacketEvidence } from "@/lib/packets/packet-types";

// A packet from plain data (no database): two controls, one with far more evidence than its first
// page holds, so its list goes on over the pages after its head (all of it drawn directly).

const sha = (i: number) => createHash("sha256").update(`evidence ${i}`).digest("hex");

function packetData(evidenceCount: number): PacketData {
  const evidence: PacketEvidence[] = Array.from({ length: evidenceCount }, (_, i) => ({
    id: `ev${i}`,
    project: "portal",
    title: `Check ${String(i).padStart(4, "0")}`,
    kind: "TEST_REPORT",
    format: "junit",
    outcome: i % 11 ? "PASS" : "FAIL",
    effectiveAt: `2026-0${1 + (i % 6)}-15T08:00:00.000Z`,
    collectedAt: `2026-0${1 + (i % 6)}-15T08:00:00.000Z`,
    collectedAfterWindow: false,
    expiresAt: null,
    sha256: sha(i),
    byteSize: 100,
    originalName: "junit.xml",
    controlKeys: [i < evidenceCount - 3 ? "ACC-01" : "ACC-02"],
  }));
  const control = (key: string, ids: string[]) => ({
    id: key,
    key,
    title: `Control ${key}`,
    description: "What the control does, in a sentence or two.",
    owner: "Olga Owner",
    frequency: "CONTINUOUS",
    requirements: ["CC6.1"],
    projects: [{ project: "portal", state: "PASSING", justification: null, reasons: [] }],
    evidenceIds: ids,
  });
  return {
    audit: {
      id: "audit1",
      name: "Direct tables FY26",
      framework: { key: "soc2", name: "SOC 2", version: "2017" },
      type: "TYPE_II",
      windowStart: "2026-01-01T00:00:00.000Z",
      windowEnd: "2026-06-30T23:59:59.999Z",
      status: "FIELDWORK",
      lead: "Lena Lead",
      projects: [{ id: "p1", slug: "portal", name: "Research Portal" }],
    },
    requestedBy: { name: "Aud Auditor", email: "auditor@example.test" },
    dataAsOf: "2026-07-01T00:00:00.000Z",
    readiness: [
      {
        project: "portal",
        projectName: "Research Portal",
        assessed: true,
        score: 0.5,
        met: 1,
        applicable: 2,
        controlCounts: { PASSING: 2 },
        families: [],
      },
    ],
    requirements: [{ refId: "CC6.1", title: "Logical access", controlKeys: ["ACC-01", "ACC-02"] }],
    controls: [
      control(
        "ACC-01",
        evidence.filter((e) => e.controlKeys[0] === "ACC-01").map((e) => e.id),
      ),
      control(
        "ACC-02",
        evidence.filter((e) => e.controlKeys[0] === "ACC-02").map((e) => e.id),
      ),
    ],
    evidence,
    exceptions: { failing: [], stale: [], notApplicable: [] },
    backlog: [],
    exercises: [],
    requests: [],
    populations: [],
    activity: { events: [], total: 0 },
  };
}

function pages(bytes: Buffer): string[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "proofline-render-")), "packet.pdf");
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).split("\f").slice(0, -1);
}

// Two renders of a small packet: 15 to 60 s on a shared machine; the limit only guards against a hang.
describe("packet PDF with control pages and tables drawn directly", { timeout: 180_000 }, () => {
  it("lists every piece of a long control's evidence once under the control and once in the index, with contents, bookmarks and page numbers that agree", async () => {
    const data = packetData(240);
    const pdf = await renderPacketPdf(data, { processes: 0 });
    const text = pages(pdf.bytes);
    expect(text).toHaveLength(pdf.pageCount);
    const controls = pdf.outline.find((o) => o.title === "Controls")!;
    const exceptions = pdf.outline.find((o) => o.title === "Exceptions")!;
    const index = pdf.outline.find((o) => o.title === "Evidence index")!;
    const activity = pdf.outline.find((o) => o.title === "Activity trail (excerpt)")!;
    // ACC-01's 237 rows need several pages: its head, then continuation pages drawn directly.
    const [acc01, acc02] = controls.children!;
    expect(acc01.title).toBe("ACC-01 Control ACC-01");
    expect(acc02.pageIndex - acc01.pageIndex).toBeGreaterThan(5);
    const controlPages = text.slice(controls.pageIndex, exceptions.pageIndex).join("\n");
    const indexPages = text.slice(index.pageIndex, activity.pageIndex).join("\n");
    for (const e of data.evidence) {
      expect(controlPages.split(`${e.title} (test report)`).length - 1, e.title).toBe(1);
      expect(indexPages.split(e.title).length - 1, e.title).toBe(1);
      expect(controlPages).toContain(e.sha256!.slice(32));
    }
    // Each control page after the head repeats the column header and says it continues.
    for (let p = acc01.pageIndex + 1; p < acc02.pageIndex; p++) {
      expect(text[p]).toMatch(/Controls · ACC-01 \(continued\)/);
      expect(text[p]).toMatch(/Effective\s+Project\s+Evidence\s+Outcome\s+sha256/);
    }
    // The contents page gives each section's first page, as the bookmarks do; every page is numbered.
    for (const o of pdf.outline.slice(2))
      expect(text[1]).toMatch(new RegExp(`${o.title.replace(/[()]/g, "\\$&")}\\s+${o.pageIndex + 1}\\n`));
    text.forEach((t, i) => expect(t).toContain(`Page ${i + 1} of ${pdf.pageCount}`));
    // The same data gives the same bytes.
    expect((await renderPacketPdf(data, { processes: 0 })).bytes.equals(pdf.bytes)).toBe(true);
  });
});
