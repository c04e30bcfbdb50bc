import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { DirectRun } from "@/lib/packets/pdf/direct";
import { PAGE } from "@/lib/packets/pdf/styles";

// The limit for npm run bench:packet: the packet's per-control pages (the same runs the packet draws,
// sections-controls.tsx) drawn as plainly as pdf-lib can, with its own calls: standard Helvetica and
// Courier (nothing embedded, no subsetting, no kerning, no fallback faces), greedy word wrap, rows
// kept whole, shading, a running header and a page number. What drawing these pages costs without
// the packet's fonts and bookkeeping; the packet's own drawing aims to come close to it.

const BOTTOM = PAGE.height - 48;
const WIDTH = PAGE.width - 2 * PAGE.margin;
const LINE = 11.7;
const INK = rgb(0.106, 0.137, 0.188);
const SHADE = rgb(0.945, 0.953, 0.965);

const winAnsi = (text: string) => text.replace(/[^\x20-\x7e\n]/g, "?");

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of winAnsi(text).split("\n")) {
    let line = "";
    for (const word of para.split(" ")) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/** Draws the runs into a new document and saves it; returns its page count and size. */
export async function drawRunsPlainly(runs: DirectRun[]): Promise<{ pages: number; bytes: number }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = 0;
  let running = "";
  const fresh = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    page.drawText(winAnsi(running), { x: PAGE.margin, y: PAGE.height - PAGE.running, size: 7.5, font: regular });
    page.drawText(`Page ${doc.getPageCount()}`, {
      x: PAGE.width - PAGE.margin - 40,
      y: PAGE.footer - 8,
      size: 7.5,
      font: regular,
    });
    y = PAGE.top;
  };
  const lines = (texts: string[], font: PDFFont, size: number, x = PAGE.margin) => {
    for (const t of texts) {
      if (y + LINE > BOTTOM) fresh();
      page.drawText(t, { x, y: PAGE.height - y - size, size, font, color: INK });
      y += LINE;
    }
  };
  doc.removePage(0);
  for (const run of runs) {
    running = run.running;
    fresh();
    for (const b of run.blocks) {
      if (b.kind === "heading") lines(wrap(b.text, bold, 17 - 3 * b.level, WIDTH), bold, 17 - 3 * b.level);
      else if (b.kind === "text") lines(wrap(b.text, regular, 9, WIDTH), regular, 9);
      else if (b.kind === "keyValues")
        for (const [k, v] of b.items) lines(wrap(`${k}: ${v}`, regular, 9, WIDTH), regular, 9);
      else if (b.kind === "entry") {
        lines(wrap(b.text, regular, 9, WIDTH), regular, 9);
        for (const n of b.notes) lines(wrap(n, regular, 9, WIDTH - 10), regular, 9, PAGE.margin + 10);
      } else {
        const total = b.columns.reduce((n, c) => n + c.width, 0);
        const widths = b.columns.map((c) => (c.width / total) * WIDTH);
        const fonts = b.columns.map((c) => (c.mono ? mono : regular));
        const row = (cells: string[][], font: (j: number) => PDFFont, shade: boolean) => {
          const height = Math.max(...cells.map((c) => c.length)) * LINE + 3.2;
          if (y + height > BOTTOM) fresh();
          if (shade)
            page.drawRectangle({ x: PAGE.margin, y: PAGE.height - y - height, width: WIDTH, height, color: SHADE });
          let x = PAGE.margin;
          cells.forEach((cell, j) => {
            cell.forEach((t, k) =>
              page.drawText(t, { x, y: PAGE.height - y - 1.6 - 8 - k * LINE, size: 8, font: font(j), color: INK }),
            );
            x += widths[j];
          });
          y += height;
        };
        row(
          b.columns.map((c, j) => wrap(c.title, bold, 8, widths[j] - 4)),
          () => bold,
          true,
        );
        b.rows.forEach((r, i) =>
          row(
            r.map((cell, j) => wrap(String(cell ?? ""), fonts[j], 8, widths[j] - 4)),
            (j) => fonts[j],
            i % 2 === 1,
          ),
        );
      }
    }
  }
  const bytes = await doc.save({ useObjectStreams: true });
  return { pages: doc.getPageCount(), bytes: bytes.length };
}
