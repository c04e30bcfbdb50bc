// Text for the PDF's standard fonts (Helvetica, WinAnsi encoding): characters they cannot show are
// replaced, so that a title in another script prints as "?" rather than breaking the page.

const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACEMENTS: Record<string, string> = { "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "✓": "yes", "×": "x", "\t": "  " };

export function pdfSafe(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let out = "";
  for (const ch of String(value)) {
    const code = ch.codePointAt(0)!;
    if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (code === 0x0d) continue;
    else out += "?";
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
    if (v && typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    else parts.push(`${path}: ${Array.isArray(v) ? v.join(", ") : String(v)}`);
  };
  walk(value, "");
  const text = parts.join("; ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
