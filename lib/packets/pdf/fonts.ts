import { readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";

// The packet's fonts: Noto Sans (Latin with its extensions, Greek, Cyrillic), Noto Sans Mono (hashes
// and identifiers) and Noto Sans JP (Japanese kana and kanji, and the CJK punctuation), TrueType files
// from the @expo-google-fonts packages on npm, under the SIL Open Font License 1.1, which allows
// embedding. Each style has a fallback chain: a character is drawn in the first face of the chain
// that has a glyph for it, in react-pdf (styles.ts names the same chain as its fontFamily) and in the
// pages drawn directly (direct.ts). Both embed only the glyphs used (a subset). A character that no
// face can draw, and any emoji, is printed as its code point, e.g. "[U+1F600]" (text.ts, docs/audits.md).

export type FontKey = "regular" | "bold" | "mono";

export interface FaceFile {
  /** react-pdf's family name for it, and the key of its subset in the direct pages. */
  family: string;
  weight: "normal" | "bold";
  file: string;
}

const pkg = (name: string, file: string) => path.join(process.cwd(), "node_modules", "@expo-google-fonts", name, file);

export const FACES = {
  sans: { family: "Noto Sans", weight: "normal", file: pkg("noto-sans", "400Regular/NotoSans_400Regular.ttf") },
  sansBold: { family: "Noto Sans", weight: "bold", file: pkg("noto-sans", "700Bold/NotoSans_700Bold.ttf") },
  mono: {
    family: "Noto Sans Mono",
    weight: "normal",
    file: pkg("noto-sans-mono", "400Regular/NotoSansMono_400Regular.ttf"),
  },
  jp: { family: "Noto Sans JP", weight: "normal", file: pkg("noto-sans-jp", "400Regular/NotoSansJP_400Regular.ttf") },
  jpBold: { family: "Noto Sans JP", weight: "bold", file: pkg("noto-sans-jp", "700Bold/NotoSansJP_700Bold.ttf") },
} satisfies Record<string, FaceFile>;

export type FaceId = keyof typeof FACES;

/** Each style's fallback chain, first choice first. */
export const CHAINS: Record<FontKey, FaceId[]> = {
  regular: ["sans", "jp"],
  bold: ["sansBold", "jpBold"],
  mono: ["mono", "sans", "jp"],
};

/**
 * The same chains as react-pdf fontFamily lists (with fontWeight "bold" for the bold one); styles.ts
 * holds these very arrays. react-pdf reads every face of a chain for every chunk (render-chunk.tsx),
 * and the Japanese faces are 5.5 MB each: `pickChainsFor` leaves them out of a packet whose text needs
 * none of their glyphs.
 */
export const FAMILIES: Record<FontKey, string[]> = {
  regular: CHAINS.regular.map((f) => FACES[f].family),
  bold: CHAINS.bold.map((f) => FACES[f].family),
  mono: CHAINS.mono.map((f) => FACES[f].family),
};

/**
 * Sets the react-pdf chains for a packet from all of its text (the packet's data as JSON): the
 * fallback faces stay only if some character needs them. The worker and every render process call
 * it with the same data, so they lay out with the same chains.
 */
export function pickChainsFor(text: string): void {
  const needed = new Set<FaceId>();
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || seen.has(cp)) continue;
    seen.add(cp);
    for (const key of ["regular", "bold", "mono"] as FontKey[]) {
      const id = faceFor(CHAINS[key], cp);
      if (id && id !== CHAINS[key][0]) needed.add(id);
    }
  }
  for (const key of ["regular", "bold", "mono"] as FontKey[]) {
    const families = CHAINS[key].filter((id, i) => i === 0 || needed.has(id)).map((id) => FACES[id].family);
    FAMILIES[key].splice(0, FAMILIES[key].length, ...families);
  }
}

const loaded = new Map<FaceId, fontkit.Font>();

/** A face, read and parsed once per process, when first needed (the CJK faces are 5.5 MB each). */
export function face(id: FaceId): fontkit.Font {
  let f = loaded.get(id);
  if (!f) {
    f = fontkit.create(readFileSync(FACES[id].file)) as fontkit.Font;
    loaded.set(id, f);
  }
  return f;
}

/** The first face of a chain with a glyph for the code point, or null when none has one. */
export function faceFor(chain: FaceId[], codePoint: number): FaceId | null {
  for (const id of chain) if (face(id).hasGlyphForCodePoint(codePoint)) return id;
  return null;
}
