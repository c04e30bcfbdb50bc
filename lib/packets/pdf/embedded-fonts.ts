import { deflateSync } from "node:zlib";
import { PDFString, type PDFDocument, type PDFRef } from "pdf-lib";
import { face, FACES, type FaceId } from "@/lib/packets/pdf/fonts";
import type { Placed } from "@/lib/packets/pdf/metrics";

// The fonts of the pages drawn directly (direct.ts) and of the stamped page chrome, embedded in the
// merged document as react-pdf's PDF writer (pdfkit) embeds its own: a Type0 font with Identity-H
// encoding over a TrueType CID font holding only the glyphs used (a fontkit subset), its widths, and a
// ToUnicode map so that the text extracts as written. Written by hand rather than through pdf-lib's
// embedFont, whose font names take a random suffix: here every name, glyph number and byte follows
// from the text drawn, in the order it was drawn, so the same data gives the same file.

/** fontkit 2's subset as it is (its published types say includeGlyph takes a glyph and returns a boolean). */
interface Subset {
  /** Adds a glyph (by its id in the font) and returns its id in the subset. */
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}

interface OpenFace {
  ref: PDFRef;
  subset: Subset;
  /** Glyph id in the font → its code (glyph id in the subset) as 4 hex digits. */
  codes: Map<number, string>;
  /** Subset glyph id → advance width (1000 units per em) and code point. */
  widths: number[];
  unicode: number[];
}

/** Subset tags: six capitals, fixed per face (fonts.ts), so names never depend on chance. */
const TAGS: Record<FaceId, string> = {
  sans: "PLNSRG",
  sansBold: "PLNSBD",
  mono: "PLNMRG",
  jp: "PLJPRG",
  jpBold: "PLJPBD",
};

export class EmbeddedFonts {
  private open = new Map<FaceId, OpenFace>();

  constructor(private readonly doc: PDFDocument) {}

  /** The font's resource name on a page. */
  static resource(id: FaceId): string {
    return `PL${id}`;
  }

  /** The font object of a face (created when first used). */
  ref(id: FaceId): PDFRef {
    return this.face(id).ref;
  }

  /** The 4 hex digits that draw a character; its glyph joins the face's subset. */
  code(p: Placed): string {
    const f = this.face(p.face);
    let code = f.codes.get(p.glyph);
    if (code === undefined) {
      const gid = f.subset.includeGlyph(p.glyph);
      code = gid.toString(16).padStart(4, "0");
      f.codes.set(p.glyph, code);
      f.widths[gid] = Math.round(p.advance * 1000 * 1000) / 1000;
      f.unicode[gid] = p.codePoint;
    }
    return code;
  }

  private face(id: FaceId): OpenFace {
    let f = this.open.get(id);
    if (!f) {
      const font = face(id);
      f = {
        ref: this.doc.context.nextRef(),
        subset: font.createSubset() as unknown as Subset,
        codes: new Map(),
        widths: [font.getGlyph(0).advanceWidth],
        unicode: [0],
      };
      this.open.set(id, f);
    }
    return f;
  }

  /** Writes each used face's subset, widths and ToUnicode map (call once, before saving). */
  finish(): void {
    const ctx = this.doc.context;
    for (const id of Object.keys(FACES) as FaceId[]) {
      const f = this.open.get(id);
      if (!f) continue;
      const font = face(id);
      const scale = 1000 / font.unitsPerEm;
      const name = `${TAGS[id]}+${font.postscriptName.replaceAll(" ", "_")}`;
      const data = Buffer.from(f.subset.encode());
      const file = ctx.register(
        ctx.stream(deflateSync(data, { level: 6 }), { Filter: "FlateDecode", Length1: data.length }),
      );
      const familyClass = (font["OS/2"]?.sFamilyClass ?? 0) >> 8;
      let flags = 1 << 2; // symbolic: glyphs outside the standard Latin set
      if ((font as unknown as { post: { isFixedPitch: number } }).post.isFixedPitch) flags |= 1;
      if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
      const { bbox } = font;
      const descriptor = ctx.register(
        ctx.obj({
          Type: "FontDescriptor",
          FontName: name,
          Flags: flags,
          FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale],
          ItalicAngle: font.italicAngle,
          Ascent: font.ascent * scale,
          Descent: font.descent * scale,
          CapHeight: (font.capHeight || font.ascent) * scale,
          XHeight: (font.xHeight || 0) * scale,
          StemV: 0,
          FontFile2: file,
        }),
      );
      const widths = Array.from({ length: f.widths.length }, (_, i) => f.widths[i] ?? 0);
      const cid = ctx.register(
        ctx.obj({
          Type: "Font",
          Subtype: "CIDFontType2",
          BaseFont: name,
          CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
          FontDescriptor: descriptor,
          W: [0, widths],
          CIDToGIDMap: "Identity",
        }),
      );
      const toUnicode = ctx.register(
        ctx.stream(deflateSync(Buffer.from(cmap(f.unicode), "latin1"), { level: 6 }), { Filter: "FlateDecode" }),
      );
      ctx.assign(
        f.ref,
        ctx.obj({
          Type: "Font",
          Subtype: "Type0",
          BaseFont: name,
          Encoding: "Identity-H",
          DescendantFonts: [cid],
          ToUnicode: toUnicode,
        }),
      );
    }
  }
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");

/** UTF-16 of a code point as hex (a surrogate pair above U+FFFF). */
function utf16(cp: number): string {
  if (cp <= 0xffff) return hex4(cp);
  const v = cp - 0x10000;
  return hex4(0xd800 | (v >> 10)) + hex4(0xdc00 | (v & 0x3ff));
}

/** A ToUnicode CMap: each subset glyph to the character it draws. */
function cmap(unicode: number[]): string {
  const entries = unicode.flatMap((cp, gid) => (gid > 0 && cp !== undefined ? [`<${hex4(gid)}> <${utf16(cp)}>`] : []));
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    blocks.push(`${part.length} beginbfchar\n${part.join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <FFFF>",
    "endcodespacerange",
    ...blocks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
    "",
  ].join("\n");
}
