import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { DirectWriter, type Block, type Cell } from "@/lib/packets/pdf/direct";
import { renderChunk } from "@/lib/packets/pdf/render-chunk";
import { Table, type Column } from "@/lib/packets/pdf/table";
import { pdfHash } from "@/lib/packets/pdf/text";
import { EVIDENCE_COLUMNS, controlBlocks, controlHead } from "@/lib/packets/pdf/sections-controls";
import type { PacketControl, PacketData } from "@/lib/packets/packet-types";

const dir = mkdtempSync(path.join(tmpdir(), "proofline-direct-"));
const sha = (i: number) => createHash("sha256").update(String(i)).digest("hex");
const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(4, "0")}`;

const COLUMNS: Column[] = [
  { title: "Effective", width: 1.3 },
  { title: "Project", width: 1.4 },
  { title: "Evidence", width: 3.6 },
  { title: "Outcome", width: 1 },
  { title: "sha256", width: 3.2, mono: true },
];

/** Rows whose Evidence cell starts with R#### and ends with E####; every seventh wraps over several lines. */
function rows(count: number): Cell[][] {
  return Array.from({ length: count }, (_, i) => [
    `2026-03-${String((i % 28) + 1).padStart(2, "0")}`,
    ["portal", "engine", "orchestrator"][i % 3],
    `${id("R", i)} ${i % 7 === 0 ? "release check with a long explanation that has to wrap over several lines of its column " : ""}${id("E", i)}`,
    i % 13 ? "pass" : "fail",
    i % 5 ? pdfHash(sha(i)) : "record only",
  ]);
}

async function written(blocks: Block[], stamp = true) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const writer = await DirectWriter.create(doc);
  const run = writer.write({ running: "Test packet · Long table", blocks });
  if (stamp) writer.stamp(run.chrome, "Test packet");
  writer.finish();
  return { run, bytes: Buffer.from(await doc.save({ useObjectStreams: true })) };
}

function pdftotext(bytes: Buffer, name: string, args: string[] = ["-layout"]): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", [...args, file, "-"], { encoding: "utf8" });
}

/** Words with their top-left corner, from pdftotext -bbox. */
function words(bytes: Buffer, name: string, pages: string[] = []): Array<{ text: string; x: number; y: number }> {
  const html = pdftotext(bytes, name, ["-bbox", ...pages]);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ text: m[3], x: Number(m[1]), y: Number(m[2]) }),
  );
}

describe("tables drawn directly into the packet PDF", () => {
  it("paginates a long table with every row once and in order, none split across pages, and the column header on every page", async () => {
    const count = 420;
    const { run, bytes } = await written([
      { kind: "heading", level: 1, text: "Evidence index" },
      { kind: "text", text: "Every piece of evidence effective inside the window.", muted: true },
      { kind: "table", columns: COLUMNS, rows: rows(count) },
    ]);
    const pages = pdftotext(bytes, "long").split("\f").slice(0, -1);
    expect(pages).toHaveLength(run.pageCount);
    expect(run.pageCount).toBeGreaterThan(10);
    const pageOf = (token: string) => {
      const found = pages.flatMap((p, i) => (p.includes(token) ? [i] : []));
      expect(found, token).toHaveLength(1);
      return found[0];
    };
    let last = 0;
    for (let i = 0; i < count; i++) {
      const page = pageOf(id("R", i));
      expect(pageOf(id("E", i)), `row ${i} split across pages`).toBe(page);
      if (i % 5) expect(pageOf(sha(i).slice(32)), `row ${i}: hash split from its row`).toBe(page);
      expect(page).toBeGreaterThanOrEqual(last);
      last = page;
    }
    expect(last).toBe(run.pageCount - 1);
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toMatch(/Effective\s+Project\s+Evidence\s+Outcome\s+sha256/);
      expect(p).toContain("Test packet · Long table");
      expect(p).toContain(`Page ${i + 1} of ${run.pageCount}`);
    });
    expect(pages[0]).toContain("Evidence index");
    // The header of the first page is the table's own; on the others, the stamped continuation header.
    expect(run.chrome[0].columns).toBeNull();
    expect(run.chrome.slice(1).every((c) => c.columns === COLUMNS)).toBe(true);
  });

  it("continues a table from the top of a page when asked, and keeps row shading parity", async () => {
    const { run, bytes } = await written([
      { kind: "table", columns: COLUMNS, rows: rows(40), continued: true, firstRow: 7 },
    ]);
    expect(run.chrome.every((c) => c.columns === COLUMNS)).toBe(true);
    const text = pdftotext(bytes, "continued");
    expect(text.match(/Effective\s+Project/g)).toHaveLength(run.pageCount);
    for (let i = 0; i < 40; i++) expect(text).toContain(id("R", i));
  });

  it("prints every script in the embedded fonts, searchable as written, and an emoji as its code point", async () => {
    const text = "Zugriffsprüfung – “done” Wałęsa Dvořák Ștefan Ελληνικά Жанна Işık 監査ログ RTO ≥ 4h → ok";
    const { bytes } = await written([
      { kind: "table", columns: [{ title: "Wer · Ποιος · Кто · 誰", width: 1 }], rows: [[`${text} 😀`]] },
    ]);
    const extracted = pdftotext(bytes, "charset");
    expect(extracted).toContain(`${text} [U+1F600]`);
    expect(extracted).toContain("Wer · Ποιος · Кто · 誰");
    expect(extracted).not.toContain("?");
    // Only the glyphs drawn are embedded: four subsets (Noto Sans, its bold, Noto Sans JP, its bold), each far smaller than its face.
    const fonts = execFileSync("pdffonts", [path.join(dir, "charset.pdf")], { encoding: "utf8" });
    expect(fonts).toMatch(/PLNSRG\+NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/PLJPRG\+NotoSansJP-Regular/);
    expect(bytes.length).toBeLessThan(60_000);
  });

  it("gives the same bytes for the same content", async () => {
    const blocks: Block[] = [{ kind: "table", columns: COLUMNS, rows: rows(100) }];
    expect((await written(blocks)).bytes.equals((await written(blocks)).bytes)).toBe(true);
  });

  it("puts every word where react-pdf puts it in the same table", async () => {
    // With rows in other scripts: Latin Extended, Greek and Cyrillic in Noto Sans, Japanese in its fallback (a taller line).
    const sample = [
      ...rows(24),
      ["2026-03-02", "Dvořák", "Wałęsa Ελληνικά Жанна Işık 監査ログ", "pass", "Ștefan"],
      ...rows(6),
    ];
    const direct = words(
      (await written([{ kind: "table", columns: COLUMNS, rows: sample }], false)).bytes,
      "direct-bbox",
    );
    const react = await renderChunk([{ running: "x", content: <Table columns={COLUMNS} rows={sample} /> }], {
      title: "x",
      date: new Date(0),
    });
    const expected = words(react.bytes, "react-bbox").filter((w) => w.y < 700);
    expect(expected.length).toBeGreaterThan(150);
    for (const w of expected) {
      const match = direct.find((d) => d.text === w.text && Math.abs(d.x - w.x) < 0.5 && Math.abs(d.y - w.y) < 0.5);
      expect(match, `${w.text} at ${w.x},${w.y}`).toBeDefined();
    }
  });
});

describe("a control's first page", () => {
  const data = { audit: { framework: { name: "SOC 2" } } } as PacketData;
  const control = (description: string, projects: PacketControl["projects"]): PacketControl => ({
    id: "c1",
    key: "ACC-01",
    title: "Multi-factor authentication everywhere",
    description,
    owner: "Olga Owner",
    frequency: "CONTINUOUS",
    requirements: ["CC6.1", "CC6.6"],
    projects,
    evidenceIds: [],
  });
  const evidence = (n: number, hashed: boolean): Cell[][] =>
    Array.from({ length: n }, (_, i) => [
      "2026-03-01",
      "portal",
      `Unit tests #${i} (test report)`,
      "pass",
      hashed ? pdfHash(sha(i)) : "no original",
    ]);
  const cases = [
    {
      name: "short, two-line rows",
      c: control("MFA is enforced.", [{ project: "portal", state: "PASSING", justification: null, reasons: [] }]),
      rows: evidence(90, true),
      first: false,
    },
    {
      name: "long description, reasons, one-line rows, section heading",
      c: control(
        "MFA is enforced for every human account on the identity provider, code hosting and cloud console. ".repeat(6),
        [
          {
            project: "engine",
            state: "STALE",
            justification: null,
            reasons: ["no audit log evidence yet", "the last review is older than its cadence allows for this control"],
          },
          { project: "portal", state: "NOT_APPLICABLE", justification: "Not used by this system.", reasons: [] },
        ],
      ),
      rows: evidence(90, false),
      first: true,
    },
  ];

  /** The control drawn directly: its first page's words, and how many evidence rows that page holds. */
  async function drawn(t: (typeof cases)[number], name: string) {
    const { run, bytes } = await written(controlBlocks(data, t.c, t.rows, t.first), false);
    const firstPage = words(bytes, name, ["-l", "1"]);
    const text = pdftotext(bytes, `${name}-text`).split("\f")[0];
    return { run, firstPage, fit: text.match(/Unit tests #\d+/g)?.length ?? 0 };
  }
  const render = (t: (typeof cases)[number], n: number) =>
    renderChunk(
      [
        {
          running: "x",
          columns: EVIDENCE_COLUMNS,
          content: controlHead(data, t.c, t.rows.slice(0, n), t.rows.length, t.first),
        },
      ],
      { title: "x", date: new Date(0) },
    );

  cases.forEach((t, ti) => {
    it(`holds as many evidence rows as fit and no more (${t.name})`, async () => {
      const { run, fit } = await drawn(t, `fit-${ti}`);
      expect(fit).toBeGreaterThan(5);
      expect(run.pageCount).toBeGreaterThan(1);
      expect((await render(t, fit)).pageCount).toBe(1);
      // Tight: two rows more would not have fitted.
      expect((await render(t, fit + 2)).pageCount).toBe(2);
    });

    it(`puts every word of the first page where react-pdf puts it (${t.name})`, async () => {
      const { firstPage, fit } = await drawn(t, `head-${ti}`);
      const react = await render(t, fit);
      // react-pdf breaks a paragraph with Knuth and Plass (it may shrink the spaces of a line a little to
      // fit one more word), the direct writer breaks it greedily: inside a long description the words can
      // sit apart by a fraction of a point. The lines, and so everything below, stay where react-pdf puts them.
      const all = words(react.bytes, `head-react-${ti}`);
      const title = all.find((w) => w.text === "ACC-01")!.y;
      const owner = all.find((w) => w.text === "Owner")!.y;
      const expected = all.filter((w) => w.y <= title || w.y >= owner);
      expect(expected.length).toBeGreaterThan(100);
      for (const w of expected) {
        const match = firstPage.find(
          (d) => d.text === w.text && Math.abs(d.x - w.x) < 0.5 && Math.abs(d.y - w.y) < 0.5,
        );
        expect(match, `${w.text} at ${w.x},${w.y}`).toBeDefined();
      }
    });
  });
});
