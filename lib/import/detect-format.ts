// Which parser a document needs. The file name decides when it says .md or .rst; a .txt (or a paste)
// is judged by what it contains, because teams save all three shapes as .txt.
import type { DocFormat } from "@/lib/import/types";

export interface FormatGuess {
  format: DocFormat;
  /** reStructuredText whose line breaks were lost: everything on one (or a few very long) line(s). */
  flattened: boolean;
  reason: string;
}

const UNDERLINE = /^([=\-~^"'`#*+:._])\1{2,}\s*$/;
/** A table's separator row, "| --- |" or "---|": one optional "|" after the indent (`\s*\|?\s*` was quadratic on spaces). */
const TABLE_SEPARATOR = /^\s*(?:\|\s*)?:?-{3,}:?\s*\|/;

/**
 * A Markdown link, `[text](target)` with neither part empty: what `\[[^\]]+\]\([^)]+\)` finds, in
 * one pass (that pattern rescans to the end of the line from every "[", quadratic on "[[[[…").
 */
export function hasMarkdownLink(line: string): boolean {
  let open = -1; // the first "[" after the last "]" scanned
  let scanned = 0;
  for (let k = line.indexOf("]("); k >= 0; k = line.indexOf("](", k + 1)) {
    for (; scanned < k; scanned++) {
      if (line[scanned] === "]") open = -1;
      else if (line[scanned] === "[" && open < 0) open = scanned;
    }
    if (open < 0 || open > k - 2) continue; // no "[" before this "](", or only "[]("
    const close = line.indexOf(")", k + 2);
    if (close < 0) return false;
    if (close > k + 2) return true;
  }
  return false;
}

function extensionFormat(filename: string | undefined): DocFormat | null {
  const ext = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (!ext) return null;
  if (["md", "markdown", "mdown", "mkd"].includes(ext)) return "markdown";
  if (["rst", "rest"].includes(ext)) return "rst";
  return null;
}

/** A flattened RST title: "Scope -----" where the run of punctuation is as long as the words before it. */
export function looksFlattenedRst(text: string): boolean {
  const lines = text.split("\n").filter((l) => l.trim());
  const longest = Math.max(0, ...lines.map((l) => l.length));
  if (lines.length > 5 && longest < 400) return false;
  let titles = 0;
  for (const m of text.matchAll(/(?:^|\s)([=\-~^]{3,})(?=\s|$)/g)) {
    const run = m[1];
    const end = (m.index ?? 0) + m[0].length - run.length - 1;
    const candidate = text.slice(Math.max(0, end - run.length), end);
    if (candidate.length === run.length && /^\S/.test(candidate) && /^[\p{L}\p{N}]/u.test(candidate)) titles++;
  }
  return titles >= 2 || (titles >= 1 && /\.\. [a-z-]+::|``[^`]+``/.test(text));
}

export function detectFormat(text: string, filename?: string): FormatGuess {
  const byName = extensionFormat(filename);
  if (byName === "rst") return { format: "rst", flattened: looksFlattenedRst(text), reason: "file name ends in .rst" };
  if (byName === "markdown") return { format: "markdown", flattened: false, reason: "file name ends in .md" };
  if (looksFlattenedRst(text))
    return { format: "rst", flattened: true, reason: "reStructuredText titles and directives on one line" };

  const lines = text.split("\n");
  let rst = 0;
  let md = 0;
  let mdLists = 0;
  let dots = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const prev = lines[i - 1] ?? "";
    if (
      UNDERLINE.test(line) &&
      prev.trim() &&
      !UNDERLINE.test(prev) &&
      line.trim().length >= prev.trim().length &&
      /[=~^"'`#*+:._]/.test(line[0])
    )
      rst++;
    if (/^\.\. [a-z][\w-]*::/i.test(line) || /^\.\. _[^:]+:/.test(line)) rst += 2;
    if (/``[^`]+``|`[^`]+`_\b/.test(line)) rst++;
    if (/::\s*$/.test(line) && !/^\s*[-*]/.test(line)) rst++;
    if (/^#{1,6}\s+\S/.test(line)) md++;
    if (/^\s*(```|~~~)/.test(line)) md += 2;
    if (TABLE_SEPARATOR.test(line)) md += 2;
    if (hasMarkdownLink(line)) md++;
    if (/\*\*[^*]+\*\*/.test(line)) md++;
    if (/^\s*[-*+]\s+\S/.test(line) || /^\s*\d+[.)]\s+\S/.test(line)) mdLists++;
    if (/^\s*[•◦▪‣]\s*\S/.test(line)) dots++;
  }
  if (dots >= 3 && dots >= mdLists)
    return { format: "text", flattened: false, reason: `${dots} lines use "•" bullets` };
  if (rst >= 3 && rst > md)
    return { format: "rst", flattened: false, reason: "reStructuredText title underlines or directives" };
  if (md >= 2)
    return { format: "markdown", flattened: false, reason: "Markdown headings, code fences, tables or emphasis" };
  return { format: "text", flattened: false, reason: "no Markdown or reStructuredText markup found" };
}
