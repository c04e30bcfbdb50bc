import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";

// Text measurement for the pages drawn directly with pdf-lib (direct.ts) and for the estimate of how
// much of a control's first page its head takes (sections-controls.tsx). Widths come from pdf-lib's
// metrics of the PDF standard fonts (font.widthOfTextAtSize), read once per character and kept in a
// table, so measuring a line is a sum. Text reaching here has been through pdfSafe (WinAnsi only).

export type FontKey = "regular" | "bold" | "mono";

export const FONT_NAMES: Record<FontKey, StandardFonts> = {
  regular: StandardFonts.Helvetica,
  bold: StandardFonts.HelveticaBold,
  mono: StandardFonts.Courier,
};

interface FontMetrics {
  font: PDFFont;
  /** Advance width of each character at size 1 (points). */
  widths: Map<string, number>;
  /** Kerning of each pair of characters met so far, at size 1. */
  kerning: Map<string, number>;
  fallback: number;
}

export interface Metrics {
  /** Width with the fonts' kerning applied, as react-pdf and pdf-lib's widthOfTextAtSize measure it. */
  width(text: string, font: FontKey, size: number): number;
  /** The kerning between two characters at size 1000 (negative: closer), 0 for none. */
  kern(left: string, right: string, font: FontKey): number;
  /**
   * Breaks text into lines no wider than `width`: at explicit newlines, then between words; a word
   * wider than a whole line is cut between characters (an identifier stays findable as a prefix).
   */
  wrap(text: string, font: FontKey, size: number, width: number): string[];
}

/** Every character pdfSafe lets through: printable ASCII, Latin-1 and the WinAnsi extras. */
function printable(): string[] {
  const out: string[] = [];
  for (let c = 0x20; c <= 0x7e; c++) out.push(String.fromCodePoint(c));
  for (let c = 0xa0; c <= 0xff; c++) out.push(String.fromCodePoint(c));
  for (const ch of "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ") out.push(ch);
  return out;
}

function fontMetrics(font: PDFFont): FontMetrics {
  const widths = new Map<string, number>();
  for (const ch of printable()) {
    try {
      widths.set(ch, font.widthOfTextAtSize(ch, 1000) / 1000);
    } catch {
      // not in the font's encoding: measured as the fallback below
    }
  }
  return { font, widths, kerning: new Map(), fallback: widths.get("?") ?? 0.6 };
}

export function metricsOf(fonts: Record<FontKey, PDFFont>): Metrics {
  const table = { regular: fontMetrics(fonts.regular), bold: fontMetrics(fonts.bold), mono: fontMetrics(fonts.mono) };
  // The kerning of a pair is what widthOfTextAtSize gives the two together beyond their own widths.
  const pair = (m: FontMetrics, left: string, right: string): number => {
    const key = left + right;
    let k = m.kerning.get(key);
    if (k === undefined) {
      try {
        k = Math.round(m.font.widthOfTextAtSize(key, 1000) - m.font.widthOfTextAtSize(left, 1000) - m.font.widthOfTextAtSize(right, 1000)) / 1000;
      } catch {
        k = 0;
      }
      m.kerning.set(key, k);
    }
    return k;
  };
  const width = (text: string, font: FontKey, size: number) => {
    const m = table[font];
    let w = 0;
    let prev = "";
    for (const ch of text) {
      w += (m.widths.get(ch) ?? m.fallback) + (prev ? pair(m, prev, ch) : 0);
      prev = ch;
    }
    return w * size;
  };
  const kern = (left: string, right: string, font: FontKey) => pair(table[font], left, right) * 1000;
  const breakWord = (word: string, font: FontKey, size: number, limit: number): string[] => {
    const parts: string[] = [];
    let cur = "";
    for (const ch of word) {
      if (cur && width(cur + ch, font, size) > limit) {
        parts.push(cur);
        cur = ch;
      } else cur += ch;
    }
    if (cur) parts.push(cur);
    return parts;
  };
  const wrap = (text: string, font: FontKey, size: number, limit: number): string[] => {
    const lines: string[] = [];
    const space = width(" ", font, size);
    for (const para of text.split("\n")) {
      let line = "";
      let lineWidth = 0;
      for (const word of para.split(" ")) {
        if (!word) continue;
        const w = width(word, font, size);
        if (line && lineWidth + space + w <= limit) {
          line += ` ${word}`;
          lineWidth += space + w;
          continue;
        }
        if (line) lines.push(line);
        if (w <= limit) {
          line = word;
          lineWidth = w;
        } else {
          const pieces = breakWord(word, font, size, limit);
          lines.push(...pieces.slice(0, -1));
          line = pieces[pieces.length - 1];
          lineWidth = width(line, font, size);
        }
      }
      lines.push(line);
    }
    return lines;
  };
  return { width, kern, wrap };
}

let shared: Promise<Metrics> | undefined;

/** The metrics, read once per process from pdf-lib's standard fonts. */
export function loadMetrics(): Promise<Metrics> {
  shared ??= (async () => {
    const doc = await PDFDocument.create();
    return metricsOf({ regular: doc.embedStandardFont(FONT_NAMES.regular), bold: doc.embedStandardFont(FONT_NAMES.bold), mono: doc.embedStandardFont(FONT_NAMES.mono) });
  })();
  return shared;
}
