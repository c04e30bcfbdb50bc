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

/** The code points of a string, as `for...of` walks it (a lone surrogate is one code point of its own). */
function codePoints(text: string, each: (cp: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i += 1;
      }
    }
    each(cp);
  }
}

/** Words and short strings measured once (at size 1) and kept: dates, project names and outcomes recur on every page. */
const CACHED_WIDTH_MAX = 20;
/**
 * The measurements are shared by every packet a worker builds for as long as it runs, and the text is
 * whatever users wrote: each cache is emptied when it reaches this many entries, so memory stays
 * bounded. A cache only saves time; a measurement is the same sum whether it was kept or not.
 */
const CACHE_ENTRIES_MAX = 100_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= CACHE_ENTRIES_MAX) cache.clear();
  cache.set(key, value);
}

function createMetrics(): Metrics {
  // Keyed by code point, and pairs by (left * 0x110000 + right): no strings built per character.
  const places: Record<FontKey, Map<number, Placed>> = { regular: new Map(), bold: new Map(), mono: new Map() };
  const pairs: Record<FontKey, Map<number, number>> = { regular: new Map(), bold: new Map(), mono: new Map() };
  const widths: Record<FontKey, Map<string, number>> = { regular: new Map(), bold: new Map(), mono: new Map() };

  const placeCode = (codePoint: number, font: FontKey): Placed => {
    let p = places[font].get(codePoint);
    if (!p) {
      // pdfSafe lets through only what the chain covers; anything else is measured as the first face's .notdef.
      const id = faceFor(CHAINS[font], codePoint) ?? CHAINS[font][0];
      const f = face(id);
      const glyph = f.glyphForCodePoint(codePoint);
      p = { face: id, glyph: glyph.id, codePoint, advance: glyph.advanceWidth / f.unitsPerEm };
      places[font].set(codePoint, p);
    }
    return p;
  };
  const place = (ch: string, font: FontKey): Placed => placeCode(ch.codePointAt(0)!, font);

  // The adjustment of a pair is what the face's layout of the two together gives beyond their own advances.
  const pairCode = (font: FontKey, left: number, right: number): number => {
    const key = left * 0x110000 + right;
    let k = pairs[font].get(key);
    if (k === undefined) {
      const a = placeCode(left, font);
      const b = placeCode(right, font);
      k = 0;
      if (a.face === b.face) {
        const f = face(a.face);
        const run = f.layout(String.fromCodePoint(left) + String.fromCodePoint(right));
        const total = run.positions.reduce((n, p) => n + p.xAdvance, 0) / f.unitsPerEm;
        k = Math.round((total - a.advance - b.advance) * 1e6) / 1e6;
      }
      remember(pairs[font], key, k);
    }
    return k;
  };

  const ascent = (text: string, font: FontKey) => {
    let a = 0;
    let last: FaceId | null = null;
    codePoints(text, (cp) => {
      const id = placeCode(cp, font).face;
      if (id === last) return;
      last = id;
      const f = face(id);
      a = Math.max(a, f.ascent / f.unitsPerEm);
    });
    return a || face(CHAINS[font][0]).ascent / face(CHAINS[font][0]).unitsPerEm;
  };
  const widthAt1 = (text: string, font: FontKey) => {
    const cached = widths[font].get(text);
    if (cached !== undefined) return cached;
    let w = 0;
    let prev = -1;
    codePoints(text, (cp) => {
      w += placeCode(cp, font).advance + (prev >= 0 ? pairCode(font, prev, cp) : 0);
      prev = cp;
    });
    if (text.length <= CACHED_WIDTH_MAX) remember(widths[font], text, w);
    return w;
  };
  const width = (text: string, font: FontKey, size: number) => widthAt1(text, font) * size;
  const kern = (left: string, right: string, font: FontKey) =>
    pairCode(font, left.codePointAt(0)!, right.codePointAt(0)!) * 1000;
  // Measured as it grows (the same sums, in the same order, as measuring each prefix whole).
  const breakWord = (word: string, font: FontKey, size: number, limit: number): string[] => {
    const parts: string[] = [];
    let cur = "";
    let w = 0;
    let prev = -1;
    codePoints(word, (cp) => {
      const step = placeCode(cp, font).advance + (prev >= 0 && cur ? pairCode(font, prev, cp) : 0);
      const ch = String.fromCodePoint(cp);
      if (cur && (w + step) * size > limit) {
        parts.push(cur);
        cur = ch;
        w = placeCode(cp, font).advance;
      } else {
        cur += ch;
        w += step;
      }
      prev = cp;
    });
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
