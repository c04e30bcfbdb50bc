import { CHAINS, faceFor } from "@/lib/packets/pdf/fonts";

// Text for the packet's embedded fonts (fonts.ts). Every character that a face of the regular chain
// can draw is kept; an emoji, or a character no face has a glyph for, is printed as its code point in
// brackets, e.g. "[U+1F600]": visible and searchable, never a silent "?" (docs/audits.md). Text is put
// in Unicode normalisation form C first (so "e" with a combining accent is the one character "é"),
// variation selectors (U+FE00 to U+FE0F, which only pick a glyph's presentation) are left out, a
// carriage return is dropped and a tab becomes two spaces.

const kept = new Map<number, boolean>();
const EMOJI = /^\p{Emoji_Presentation}$/u;

/** Whether the packet prints this code point as itself (the regular chain has a glyph, and it is not an emoji). */
export function printable(codePoint: number): boolean {
  let k = kept.get(codePoint);
  if (k === undefined) {
    k =
      !EMOJI.test(String.fromCodePoint(codePoint)) &&
      faceFor(CHAINS.regular, codePoint) !== null &&
      faceFor(CHAINS.bold, codePoint) !== null;
    kept.set(codePoint, k);
  }
  return k;
}

/** The replacement for a character the packet cannot print: its code point, as "[U+1F600]". */
export function codePointLabel(codePoint: number): string {
  return `[U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}]`;
}

export function pdfSafe(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value).normalize("NFC");
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e) out += ch;
    else if (code === 0x0a) out += ch;
    else if (code === 0x0d || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    else if (code === 0x09) out += "  ";
    else out += printable(code) ? ch : codePointLabel(code);
  }
  return out;
}

/** "2026-06-30 23:59 UTC": one unambiguous form for every date in the packet. */
export function pdfDate(iso: string | null | undefined): string {
  if (!iso) return "-";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function pdfDay(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "-";
}

export function pdfDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "-";
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(seconds % 3600 ? 1 : 0)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${seconds} s`;
}

export function pdfPercent(score: number | null): string {
  return score === null ? "n/a" : `${Math.round(score * 1000) / 10}%`;
}

/** A sha256 on two lines of 32 hex digits, so that it fits a table column and can still be read whole. */
export function pdfHash(sha256: string | null | undefined): string {
  return sha256 ? `${sha256.slice(0, 32)}\n${sha256.slice(32)}` : "no original";
}

/** An activity summary as "path: value" pairs on one line, e.g. "after.status: ANSWERED; auditId: …". */
export function pdfSummary(value: unknown, max = 220): string {
  const parts: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (v && typeof v === "object" && !Array.isArray(v))
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    else parts.push(`${path}: ${Array.isArray(v) ? v.join(", ") : String(v)}`);
  };
  walk(value, "");
  const text = parts.join("; ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
