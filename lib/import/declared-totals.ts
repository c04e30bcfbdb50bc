// Totals a document declares about itself ("Total Gaps: 12", "Progress: 25/38 issues resolved",
// "## Tier 3 (5 gaps)") checked against what was read. A difference is not an error: the preview
// shows both numbers so that the reader can decide which is right.
import type { ParsedItem } from "@/lib/import/types";

export interface DeclaredTotal {
  label: string;
  declared: number;
  found: number;
  line: number;
}

const NOUN = String.raw`(?:items?|gaps?|issues?|tasks?|findings?|stories|user stories|checks?|entries|bugs?)`;
/** "Total Gaps: 12", "**Total Items:** 45 user stories", "Total: 21". */
const TOTAL = new RegExp(
  String.raw`\btotal(?: (${NOUN}))?[*_]{0,2}[ \t]{0,4}[:=][*_]{0,2}[ \t]{0,4}(\d{1,5})\b(?: (${NOUN})\b)?`,
  "i",
);
/** "25/38 issues resolved", "8/11 gaps resolved", "Completed: 3 / 46". */
const PROGRESS = new RegExp(
  String.raw`\b(\d{1,5})\s?/\s?(\d{1,5})\s(${NOUN})\s(?:are\s)?(resolved|done|complete|completed|closed|fixed)\b`,
  "i",
);
/** "(5 gaps)" at the end of a heading. */
const HEADING_COUNT = new RegExp(String.raw`^#{1,6}\s.{1,200}\((\d{1,5}) (${NOUN})\)\s*$`, "i");

export function declaredTotals(lines: string[], items: ParsedItem[]): DeclaredTotal[] {
  const out: DeclaredTotal[] = [];
  const total = items.length;
  const done = items.filter((i) => i.status === "DONE").length;
  if (!total) return out;
  let headingCounts = 0;
  lines.forEach((line, k) => {
    if (line.length > 2000 || out.length >= 20) return;
    const t = TOTAL.exec(line);
    // "Total: 8 implementation tasks" counts something else; a total names what it counts.
    if (t && (t[1] || t[3])) {
      const declared = Number(t[2]);
      if (declared !== total)
        out.push({ label: `total ${(t[1] ?? t[3]).toLowerCase()}`, declared, found: total, line: k + 1 });
    }
    const p = PROGRESS.exec(line);
    if (p) {
      const [n, of] = [Number(p[1]), Number(p[2])];
      if (of !== total) out.push({ label: `${p[3].toLowerCase()} in all`, declared: of, found: total, line: k + 1 });
      if (n !== done)
        out.push({ label: `${p[3].toLowerCase()} ${p[4].toLowerCase()}`, declared: n, found: done, line: k + 1 });
    }
    const h = headingCounts < 50 && line.startsWith("#") ? HEADING_COUNT.exec(line) : null;
    if (h) {
      headingCounts++;
      const title = line.replace(/^#{1,6}\s+/, "");
      const under = items.filter((i) => i.line > k + 1 && i.sectionPath.some((s) => title.includes(s))).length;
      if (under && under !== Number(h[1]))
        out.push({
          label: `${h[2].toLowerCase()} under "${title.trim()}"`,
          declared: Number(h[1]),
          found: under,
          line: k + 1,
        });
    }
  });
  return out.slice(0, 20);
}

export function totalsWarning(t: DeclaredTotal): string {
  return `Line ${t.line} declares ${t.declared} ${t.label}, but ${t.found} ${t.found === 1 ? "was" : "were"} found; check the count before importing.`;
}
