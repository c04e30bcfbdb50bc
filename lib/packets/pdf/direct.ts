import { deflateSync } from "node:zlib";
import { PDFName, type PDFDocument, type PDFPage, type PDFRef } from "pdf-lib";
import { PAGE } from "@/lib/packets/pdf/styles";
import { pdfSafe } from "@/lib/packets/pdf/text";
import { loadMetrics, type FontKey, type Metrics } from "@/lib/packets/pdf/metrics";
import { EmbeddedFonts } from "@/lib/packets/pdf/embedded-fonts";
import type { FaceId } from "@/lib/packets/pdf/fonts";
import type { PageChrome } from "@/lib/packets/pdf/render-chunk";
import type { Column } from "@/lib/packets/pdf/table";

// The long tables of the packet (and the few headings and paragraphs around them), drawn straight
// into the merged document with pdf-lib in the packet's embedded fonts (fonts.ts, embedded-fonts.ts),
// rather than laid out by react-pdf
// (which costs about 200 ms per dense table page; this costs a few ms). The look follows styles.ts and
// table.tsx: the same column shares, 8-point cells with 4 points of right padding, alternate row
// shading, rows that never split across pages, and a column header on every page a table continues
// on (stamped by assemble.ts from the chrome returned here, like react-pdf's continued tables).
// Each page's content is one stream of PDF operators written here and compressed with zlib, so the
// same input gives the same bytes.

export type Cell = string | number | null | undefined;

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string; marginTop?: number }
  | { kind: "text"; text: string; muted?: boolean; small?: boolean; marginTop?: number }
  /** Label and value pairs, the label in a fixed column on the left (styles.ts kv); a pair is never split across pages. */
  | { kind: "keyValues"; items: Array<[string, string]> }
  /** A line with notes indented under it in the muted colour, kept on one page (a project's state and its reasons). */
  | { kind: "entry"; text: string; notes: string[] }
  | {
      kind: "table";
      columns: Column[];
      rows: Cell[][];
      /** The table continues one that began earlier: no header row of its own, the page header names the columns. */
      continued?: boolean;
      /** Shading parity of the first row (so a continued table keeps alternating where it left off). */
      firstRow?: number;
    };

/** Content that starts on a fresh page and flows over as many pages as it needs. */
export interface DirectRun {
  running: string;
  /** The running header of the run's pages after its first (default: `running`). */
  runningAfter?: string;
  blocks: Block[];
}

export interface WrittenRun {
  pageCount: number;
  chrome: PageChrome[];
}

type Rgb = readonly [number, number, number];
const INK: Rgb = [0.106, 0.137, 0.188]; // #1b2330
const MUTED: Rgb = [0.29, 0.333, 0.408]; // #4a5568
const ALT_FILL: Rgb = [0.945, 0.953, 0.965]; // #f1f3f6
const HEAD_FILL: Rgb = [0.894, 0.91, 0.933]; // #e4e8ee
const GREY: Rgb = [0.42, 0.46, 0.53];
const RULE: Rgb = [0.77, 0.8, 0.83];

/**
 * Every line is 11.7 points high, whatever its font size: react-pdf resolves the page's lineHeight
 * (1.3 at 9 points, styles.ts) once and every text inherits it; its baseline sits the largest
 * ascent of the line's faces below the line's top (metrics.ascent). Both measured on react-pdf 4.9's
 * output (pdftotext -bbox), so that a table drawn here lines up with one react-pdf draws
 * (direct.test.ts checks them against each other).
 */
export const LINE_HEIGHT = 11.7;
const CELL = { size: 8, monoSize: 7.5, padRight: 4, padY: 1.6, headPadY: 2, headRule: 0.8 };
const HEADINGS = {
  1: { size: 17, before: 0, after: 10 },
  2: { size: 12.5, before: 6, after: 6 },
  3: { size: 10.5, before: 8, after: 4 },
} as const;
const BODY = { size: 9, small: 7.5, after: 5 };
/** styles.ts: kvKey is 120 points wide, a pair has 2 points below it; an entry has 3 below, its notes are indented by 10. */
const KV = { key: 120, after: 2 };
const ENTRY = { indent: 10, after: 3 };
/** Strings up to this long are encoded once per document and kept. */
const ENCODED_MAX = 20;
/** A heading is not left at the foot of a page: it needs this much room below it. */
const KEEP_WITH_NEXT = 36;

const TOP = PAGE.top;
const BOTTOM = PAGE.height - 48; // styles.ts: page paddingBottom
const WIDTH = PAGE.width - 2 * PAGE.margin;

const num = (v: number) => String(Math.round(v * 100) / 100);
const rgbOp = (c: Rgb, op: "rg" | "RG") => `${num(c[0])} ${num(c[1])} ${num(c[2])} ${op}`;

/**
 * The widths of a table's columns in points, as react-pdf's flex layout gives them: each cell starts
 * from its right padding, and the rest of the text width is shared out by the columns' flex shares.
 */
export function columnWidths(columns: Column[]): number[] {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const free = WIDTH - columns.length * CELL.padRight;
  return columns.map((c) => CELL.padRight + (c.width / total) * free);
}

/** A table row laid out: the lines of each cell, and the row's height. */
export interface RowLayout {
  lines: string[][];
  height: number;
}

const cellFont = (c: Column): FontKey => (c.mono ? "mono" : "regular");
const cellSize = (c: Column) => (c.mono ? CELL.monoSize : CELL.size);

export function layoutRow(metrics: Metrics, columns: Column[], widths: number[], row: Cell[]): RowLayout {
  let inner = 0;
  const lines = columns.map((c, j) => {
    const l = metrics.wrap(pdfSafe(row[j]), cellFont(c), cellSize(c), widths[j] - CELL.padRight);
    inner = Math.max(inner, l.length * LINE_HEIGHT);
    return l;
  });
  return { lines, height: inner + 2 * CELL.padY };
}

/** Height of a table's own header row (drawn where a table starts). */
export function headerHeight(metrics: Metrics, columns: Column[]): number {
  const widths = columnWidths(columns);
  const lines = Math.max(
    ...columns.map((c, j) => metrics.wrap(pdfSafe(c.title), "bold", CELL.size, widths[j] - CELL.padRight).length),
  );
  return lines * LINE_HEIGHT + 2 * CELL.headPadY + CELL.headRule;
}

/** The usable height of a page, from below the top band to above the foot line. */
export const PAGE_BODY = BOTTOM - TOP;

export class DirectWriter {
  private ops: string[] = [];
  /** Faces the open page draws with (its font resources). */
  private used = new Set<FaceId>();
  private cursor = TOP;
  private chrome: PageChrome[] = [];
  private running = "";
  private runningAfter = "";
  private pageOpen = false;
  /** Short strings already encoded (dates, names, outcomes, column titles recur on every page), with the faces they draw in. */
  private encoded = new Map<string, { tj: string; faces: FaceId[] }>();

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: EmbeddedFonts,
    readonly metrics: Metrics,
  ) {}

  /** A writer for `doc`; the fonts are embedded (subset to the glyphs drawn) by `finish()`. */
  static async create(doc: PDFDocument): Promise<DirectWriter> {
    return new DirectWriter(doc, new EmbeddedFonts(doc), await loadMetrics());
  }

  /** Appends the run's pages to the end of the document. */
  write(run: DirectRun): WrittenRun {
    this.chrome = [];
    this.running = pdfSafe(run.running);
    this.runningAfter = run.runningAfter === undefined ? this.running : pdfSafe(run.runningAfter);
    this.newPage(null);
    for (const block of run.blocks) {
      if (block.kind === "heading") this.heading(block.level, block.text, block.marginTop ?? 0);
      else if (block.kind === "text") this.text(block);
      else if (block.kind === "keyValues") this.keyValues(block.items);
      else if (block.kind === "entry") this.entry(block.text, block.notes);
      else this.table(block);
    }
    this.flush();
    return { pageCount: this.chrome.length, chrome: this.chrome };
  }

  /**
   * The page chrome of every page of the document (react-pdf's and these), drawn once at the end in
   * the same embedded fonts: the running header at the top, the column header of a table that
   * continues from the page before, and the foot line with "Page x of y".
   */
  stamp(chrome: PageChrome[], label: string): void {
    const pages = this.doc.getPages();
    const safeLabel = pdfSafe(label);
    pages.forEach((page, i) => {
      this.ops = [];
      const c = chrome[i];
      const h = PAGE.height;
      if (c?.running) {
        this.at(pdfSafe(c.running), "regular", 7.5, PAGE.margin, h - PAGE.running, GREY);
        this.ops.push(
          `${rgbOp(RULE, "RG")} 0.5 w ${num(PAGE.margin)} ${num(h - PAGE.running - 4)} m ${num(PAGE.width - PAGE.margin)} ${num(h - PAGE.running - 4)} l S`,
        );
      }
      if (c?.columns?.length) {
        const top = h - PAGE.tableHeader;
        const widths = columnWidths(c.columns);
        const bottom = top - PAGE.tableHeaderHeight;
        this.ops.push(
          `${rgbOp(HEAD_FILL, "rg")} ${num(PAGE.margin)} ${num(bottom)} ${num(WIDTH)} ${num(PAGE.tableHeaderHeight)} re f`,
        );
        this.ops.push(
          `${rgbOp(GREY, "RG")} 0.8 w ${num(PAGE.margin)} ${num(bottom)} m ${num(PAGE.width - PAGE.margin)} ${num(bottom)} l S`,
        );
        let x = PAGE.margin;
        c.columns.forEach((col, j) => {
          this.at(pdfSafe(col.title), "bold", 8, x, top - 9.5, INK);
          x += widths[j];
        });
      }
      const text = `Page ${i + 1} of ${pages.length}`;
      this.at(
        text,
        "regular",
        7.5,
        PAGE.width - PAGE.margin - this.metrics.width(text, "regular", 7.5),
        PAGE.footer - 8,
        GREY,
      );
      this.at(safeLabel, "regular", 7.5, PAGE.margin, PAGE.footer - 8, GREY);
      this.addStream(page);
    });
    this.ops = [];
  }

  /** Embeds the fonts used (each a subset of the glyphs drawn). Call once, after the last page and the chrome. */
  finish(): void {
    this.fonts.finish();
  }

  /** Adds the buffered operators to a page that already has content, with the fonts they use. */
  private addStream(page: PDFPage): void {
    const ctx = this.doc.context;
    // Naming a font normalises the page: its own content is wrapped in q/Q first, so its state does not leak into ours.
    for (const [name, ref] of Object.entries(this.fontResources())) page.node.setFontDictionary(PDFName.of(name), ref);
    const body = Buffer.from(`q\n${this.ops.join("\n")}\nQ\n`, "latin1");
    page.node.addContentStream(ctx.register(ctx.stream(deflateSync(body, { level: 6 }), { Filter: "FlateDecode" })));
  }

  private newPage(columns: Column[] | null): void {
    if (this.pageOpen) this.flush();
    this.ops = [];
    this.cursor = TOP;
    this.pageOpen = true;
    this.chrome.push({ running: this.chrome.length ? this.runningAfter : this.running, columns });
  }

  private flush(): void {
    if (!this.pageOpen) return;
    this.pageOpen = false;
    const page = this.doc.addPage([PAGE.width, PAGE.height]);
    const ctx = this.doc.context;
    const body = Buffer.from(`q\n${this.ops.join("\n")}\nQ\n`, "latin1");
    page.node.set(
      PDFName.of("Contents"),
      ctx.register(ctx.stream(deflateSync(body, { level: 6 }), { Filter: "FlateDecode" })),
    );
    page.node.set(PDFName.of("Resources"), ctx.obj({ Font: this.fontResources() }));
    this.ops = [];
  }

  private fontResources(): Record<string, PDFRef> {
    const out: Record<string, PDFRef> = {};
    for (const id of [...this.used].sort()) out[EmbeddedFonts.resource(id)] = this.fonts.ref(id);
    this.used.clear();
    return out;
  }

  /**
   * The text as runs of one face each (`/PLsans 8 Tf [<…> -12 <…>] TJ`): glyph codes of the embedded
   * subsets, with the font's kerning between pairs of the same face, as react-pdf sets text.
   */
  private encode(text: string, font: FontKey, size: number): string {
    const key = `${font} ${size} ${text}`;
    const known = this.encoded.get(key);
    if (known) {
      for (const f of known.faces) this.used.add(f);
      return known.tj;
    }
    let out = "";
    let current: FaceId | null = null;
    let prev = "";
    const faces: FaceId[] = [];
    for (const ch of text) {
      const p = this.metrics.place(ch, font);
      if (p.face !== current) {
        if (current) out += ">] TJ ";
        out += `/${EmbeddedFonts.resource(p.face)} ${num(size)} Tf [<`;
        current = p.face;
        this.used.add(p.face);
        faces.push(p.face);
      } else {
        const k = this.metrics.kern(prev, ch, font);
        if (k) out += `> ${num(-k)} <`;
      }
      out += this.fonts.code(p);
      prev = ch;
    }
    const tj = current ? `${out}>] TJ` : "";
    if (text.length <= ENCODED_MAX) this.encoded.set(key, { tj, faces });
    return tj;
  }

  /** One line of text whose line box starts `top` points below the page's top edge. */
  private line(text: string, font: FontKey, size: number, x: number, top: number, color: Rgb): void {
    if (!text) return;
    this.at(text, font, size, x, PAGE.height - (top + this.metrics.ascent(text, font) * size), color);
  }

  /** One line of text on a baseline `y` points above the page's bottom edge. */
  private at(text: string, font: FontKey, size: number, x: number, y: number, color: Rgb): void {
    this.ops.push(`BT ${rgbOp(color, "rg")} 1 0 0 1 ${num(x)} ${num(y)} Tm ${this.encode(text, font, size)} ET`);
  }

  private fill(color: Rgb, x: number, top: number, width: number, height: number): void {
    this.ops.push(
      `${rgbOp(color, "rg")} ${num(x)} ${num(PAGE.height - top - height)} ${num(width)} ${num(height)} re f`,
    );
  }

  private rule(color: Rgb, top: number, thickness: number): void {
    const y = num(PAGE.height - top);
    this.ops.push(
      `${rgbOp(color, "RG")} ${num(thickness)} w ${num(PAGE.margin)} ${y} m ${num(PAGE.margin + WIDTH)} ${y} l S`,
    );
  }

  private heading(level: 1 | 2 | 3, raw: string, extra: number): void {
    const h = { ...HEADINGS[level], before: HEADINGS[level].before + extra };
    const lh = LINE_HEIGHT;
    const lines = this.metrics.wrap(pdfSafe(raw), "bold", h.size, WIDTH);
    const height = h.before + lines.length * lh + h.after;
    if (this.cursor > TOP && this.cursor + height + KEEP_WITH_NEXT > BOTTOM) this.newPage(null);
    let top = this.cursor + h.before;
    for (const l of lines) {
      this.line(l, "bold", h.size, PAGE.margin, top, INK);
      top += lh;
    }
    this.cursor = top + h.after;
  }

  private text(block: Extract<Block, { kind: "text" }>): void {
    const size = block.small ? BODY.small : BODY.size;
    const lh = LINE_HEIGHT;
    this.cursor += block.marginTop ?? 0;
    for (const l of this.metrics.wrap(pdfSafe(block.text), "regular", size, WIDTH)) {
      if (this.cursor + lh > BOTTOM) this.newPage(null);
      this.line(l, "regular", size, PAGE.margin, this.cursor, block.muted ? MUTED : INK);
      this.cursor += lh;
    }
    this.cursor += BODY.after;
  }

  /** Lines that go together (`[x, text, colour]` each, one line high): on this page if they fit, else from the top of the next. */
  private together(lines: Array<[number, string, Rgb]>, after: number): void {
    const height = lines.length * LINE_HEIGHT;
    if (this.cursor > TOP && this.cursor + height > BOTTOM) this.newPage(null);
    for (const [x, text, color] of lines) {
      if (this.cursor + LINE_HEIGHT > BOTTOM) this.newPage(null); // only when taller than a page
      this.line(text, "regular", BODY.size, x, this.cursor, color);
      this.cursor += LINE_HEIGHT;
    }
    this.cursor += after;
  }

  private keyValues(items: Array<[string, string]>): void {
    for (const [k, v] of items) {
      const key = this.metrics.wrap(pdfSafe(k), "regular", BODY.size, KV.key);
      const value = this.metrics.wrap(pdfSafe(v), "regular", BODY.size, WIDTH - KV.key);
      const height = Math.max(key.length, value.length) * LINE_HEIGHT;
      if (this.cursor > TOP && this.cursor + height > BOTTOM) this.newPage(null);
      key.forEach((l, i) => this.line(l, "regular", BODY.size, PAGE.margin, this.cursor + i * LINE_HEIGHT, MUTED));
      value.forEach((l, i) =>
        this.line(l, "regular", BODY.size, PAGE.margin + KV.key, this.cursor + i * LINE_HEIGHT, INK),
      );
      this.cursor += height + KV.after;
    }
  }

  private entry(text: string, notes: string[]): void {
    const lines: Array<[number, string, Rgb]> = this.metrics
      .wrap(pdfSafe(text), "regular", BODY.size, WIDTH)
      .map((l) => [PAGE.margin, l, INK]);
    for (const note of notes)
      for (const l of this.metrics.wrap(pdfSafe(note), "regular", BODY.size, WIDTH - ENTRY.indent))
        lines.push([PAGE.margin + ENTRY.indent, l, MUTED]);
    this.together(lines, ENTRY.after);
  }

  private tableHeader(columns: Column[], widths: number[]): void {
    const height = headerHeight(this.metrics, columns);
    this.fill(HEAD_FILL, PAGE.margin, this.cursor, WIDTH, height - CELL.headRule);
    let x = PAGE.margin;
    columns.forEach((c, j) => {
      this.metrics
        .wrap(pdfSafe(c.title), "bold", CELL.size, widths[j] - CELL.padRight)
        .forEach((l, k) => this.line(l, "bold", CELL.size, x, this.cursor + CELL.headPadY + k * LINE_HEIGHT, INK));
      x += widths[j];
    });
    this.rule(MUTED, this.cursor + height - CELL.headRule / 2, CELL.headRule);
    this.cursor += height;
  }

  private table(block: Extract<Block, { kind: "table" }>): void {
    const { columns, rows } = block;
    const widths = columnWidths(columns);
    if (block.continued && this.cursor === TOP && this.chrome.length === 1) {
      // The run opens with the rest of a table: the stamped page header names its columns.
      this.chrome[0].columns = columns;
    } else {
      const first = rows.length ? layoutRow(this.metrics, columns, widths, rows[0]).height : 0;
      if (this.cursor > TOP && this.cursor + headerHeight(this.metrics, columns) + first > BOTTOM) this.newPage(null);
      this.tableHeader(columns, widths);
    }
    rows.forEach((row, i) => {
      const layout = layoutRow(this.metrics, columns, widths, row);
      const shaded = ((block.firstRow ?? 0) + i) % 2 === 1;
      if (this.cursor + layout.height > BOTTOM && this.cursor > TOP) this.newPage(columns);
      if (layout.height <= BOTTOM - TOP) this.row(columns, widths, layout.lines, layout.height, shaded);
      else this.tallRow(columns, widths, layout.lines, shaded);
    });
  }

  private row(columns: Column[], widths: number[], lines: string[][], height: number, shaded: boolean): void {
    if (shaded) this.fill(ALT_FILL, PAGE.margin, this.cursor, WIDTH, height);
    let x = PAGE.margin;
    columns.forEach((c, j) => {
      lines[j].forEach((l, k) =>
        this.line(l, cellFont(c), cellSize(c), x, this.cursor + CELL.padY + k * LINE_HEIGHT, INK),
      );
      x += widths[j];
    });
    this.cursor += height;
  }

  /** A row taller than a whole page (a very long cell): the one case where a row goes on over pages. */
  private tallRow(columns: Column[], widths: number[], lines: string[][], shaded: boolean): void {
    const left = lines.map((l) => [...l]);
    while (left.some((l) => l.length)) {
      const room = BOTTOM - this.cursor - 2 * CELL.padY;
      const slice = left.map((l) => l.splice(0, Math.max(1, Math.floor(room / LINE_HEIGHT))));
      const height = Math.max(...slice.map((l) => l.length * LINE_HEIGHT)) + 2 * CELL.padY;
      this.row(columns, widths, slice, height, shaded);
      if (left.some((l) => l.length)) this.newPage(columns);
    }
  }
}
