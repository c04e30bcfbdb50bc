import { CHAINS, face, faceFor, type FaceId, type FontKey } from "@/lib/packets/pdf/fonts";

// Text measurement for the pages drawn directly (direct.ts), with the metrics of the embedded fonts
// (fonts.ts), as react-pdf measures them: each character in the first face of its style's chain that
// has a glyph for it, at that glyph's advance; between two characters of the same face, the kerning
// (and ligature) adjustment the font's OpenType layout gives the pair, which is what react-pdf's
// layout (fontkit, default features) applies. Widths and pairs are read once and kept in tables, so
// measuring a line is a sum. Text reaching here has been through pdfSafe (text.ts).

export type { FontKey } from "@/lib/packets/pdf/fonts";

/** A character as drawn: the face it is drawn in, its glyph and its advance at size 1. */
export interface Placed {
  face: FaceId;
  glyph: number;
  codePoint: number;
  advance: number;
}

export interface Metrics {
  /** Width with the fonts' kerning applied, as react-pdf measures it. */
  width(text: string, font: FontKey, size: number): number;
  /** The adjustment between two characters at size 1000 (negative: closer), 0 for none or across faces. */
  kern(left: string, right: string, font: FontKey): number;
  /** How a character is drawn in a style. */
  place(ch: string, font: FontKey): Placed;
  /**
   * How far below a line's top its baseline sits, at size 1: react-pdf puts it at the largest ascent
   * of the faces the line is drawn in (1.069 for Noto Sans alone, 1.16 once a Japanese glyph is in it).
   */
  ascent(text: string, font: FontKey): number;
  /**
   * Breaks text into lines no wider than `width`: at explicit newlines, then between words; a word
   * wider than a whole line is cut between characters (an identifier stays findable as a prefix).
   */
  wrap(text: string, font: FontKey, size: number, width: number): string[];
}

function createMetrics(): Metrics {
  const places: Record<FontKey, Map<string, Placed>> = { regular: new Map(), bold: new Map(), mono: new Map() };
  const pairs: Record<FontKey, Map<string, number>> = { regular: new Map(), bold: new Map(), mono: new Map() };

  const place = (ch: string, font: FontKey): Placed => {
    let p = places[font].get(ch);
    if (!p) {
      const codePoint = ch.codePointAt(0)!;
      // pdfSafe lets through only what the chain covers; anything else is measured as the first face's .notdef.
      const id = faceFor(CHAINS[font], codePoint) ?? CHAINS[font][0];
      const f = face(id);
      const glyph = f.glyphForCodePoint(codePoint);
      p = { face: id, glyph: glyph.id, codePoint, advance: glyph.advanceWidth / f.unitsPerEm };
      places[font].set(ch, p);
    }
    return p;
  };

  // The adjustment of a pair is what the face's layout of the two together gives beyond their own advances.
  const pair = (font: FontKey, left: string, right: string): number => {
    const key = left + right;
    let k = pairs[font].get(key);
    if (k === undefined) {
      const a = place(left, font);
      const b = place(right, font);
      k = 0;
      if (a.face === b.face) {
        const f = face(a.face);
        const run = f.layout(key);
        const total = run.positions.reduce((n, p) => n + p.xAdvance, 0) / f.unitsPerEm;
        k = Math.round((total - a.advance - b.advance) * 1e6) / 1e6;
      }
      pairs[font].set(key, k);
    }
    return k;
  };

  const ascent = (text: string, font: FontKey) => {
    let a = 0;
    let last: FaceId | null = null;
    for (const ch of text) {
      const id = place(ch, font).face;
      if (id === last) continue;
      last = id;
      const f = face(id);
      a = Math.max(a, f.ascent / f.unitsPerEm);
    }
    return a || face(CHAINS[font][0]).ascent / face(CHAINS[font][0]).unitsPerEm;
  };
  const width = (text: string, font: FontKey, size: number) => {
    let w = 0;
    let prev = "";
    for (const ch of text) {
      w += place(ch, font).advance + (prev ? pair(font, prev, ch) : 0);
      prev = ch;
    }
    return w * size;
  };
  const kern = (left: string, right: string, font: FontKey) => pair(font, left, right) * 1000;
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
  return { width, kern, place, ascent, wrap };
}

let shared: Metrics | undefined;

/** The metrics, one table per process (the faces are read when first needed). */
export function loadMetrics(): Promise<Metrics> {
  shared ??= createMetrics();
  return Promise.resolve(shared);
}
