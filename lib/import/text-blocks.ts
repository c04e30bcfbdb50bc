// Plain text to blocks. Headings are recognised by shape: a short stand-alone line ("Supply Chain"),
// a numbered label ("Phase 5: CI/CD", "5.1: GitHub Actions Pipeline") or a "#" line. As in
// reStructuredText, each heading style gets the next level the first time it is seen. Lists use
// "•", "-", "*", "1." markers; indentation nests them.
import type { Block, BlockDocument, ListItemBlock } from "@/lib/import/types";
import { readField } from "@/lib/import/inline";

const CHROME = [
  /^skip to content$/i,
  /^latest commit$/i,
  /^history$/i,
  /^file metadata and controls$/i,
  /^(raw|blame|preview|code|copy path|top)$/i,
  /^\d+ lines \(\d+ loc\) · [\d.]+ ?(bytes|kb|mb)$/i,
];
const LIST = /^(\s*)(?:([•◦▪‣·*+\-]|☐|☑|✅|✔|✓|❌)|(\d{1,3})[.)])\s+(\S.*)$/u;
const NUMBERED_LABEL =
  /^((?:phase|part|stage|step|section|chapter|milestone)\s+\d+(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)(?:\s*[:.\-–—])?\s+\S/i;
const HASH_PREFIX = /^(#{1,6})\s+/;

/**
 * A "#" heading line: its level and its text without the closing "#"s. Reads what
 * `^(#{1,6})\s+(\S.*?)\s*#*\s*$` reads, but that pattern is cubic on a long run of spaces (a 1.5 KB
 * line blocked the server for a second); this strips the closing run from the end in one pass.
 */
export function hashHeading(line: string): { level: number; text: string } | null {
  const m = HASH_PREFIX.exec(line);
  if (!m) return null;
  const rest = line.slice(m[0].length);
  if (!rest) return null;
  let end = rest.trimEnd().length;
  while (end > 1 && rest[end - 1] === "#") end--;
  const text = rest.slice(0, end).trimEnd();
  return /[\n\r\u2028\u2029]/.test(text) ? null : { level: m[1].length, text };
}

interface ListLine {
  indent: number;
  ordered: boolean;
  marker: string;
  rest: string;
}

function listLine(line: string): ListLine | null {
  const m = LIST.exec(line.replace(/\t/g, "    "));
  if (!m) return null;
  if (m[2] === "-" && /^-/.test(m[4])) return null; // "-- comment"
  return { indent: m[1].length, ordered: !!m[3], marker: m[2] ?? m[3], rest: m[4] };
}

function itemFrom(l: ListLine, line: number): ListItemBlock {
  let raw = l.rest;
  let checked: boolean | null = null;
  const box = /^\[( |x|X)\]\s+/.exec(raw);
  if (box) {
    checked = box[1] !== " ";
    raw = raw.slice(box[0].length);
  } else if (l.marker === "☐") checked = false;
  else if (l.marker === "☑") checked = true;
  else if (l.marker === "✅" || l.marker === "✔" || l.marker === "✓") raw = `✅ ${raw}`;
  return { raw, checked, line, endLine: line, children: [] };
}

export interface TextOptions {
  /** The text came from the reStructuredText converter: only "#" lines are headings, and they are trusted. */
  converted?: boolean;
}

export function textBlocks(text: string, { converted = false }: TextOptions = {}): BlockDocument {
  const lines = text.split("\n");
  const notes: string[] = [];
  const work = [...lines];
  let chrome = 0;
  for (let i = 0; i < (converted ? 0 : Math.min(work.length, 30)); i++) {
    const t = work[i].replace(/\u00a0/g, " ").trim();
    if (CHROME.some((re) => re.test(t)) || (t === "" && work[i] !== "")) {
      if (t) chrome++;
      work[i] = "";
    }
  }
  if (chrome) notes.push(`Ignored ${chrome} line(s) of web page chrome at the top (copied from a rendered page).`);

  const styles = new Map<string, number>();
  const levelOf = (style: string) => {
    if (!styles.has(style)) styles.set(style, styles.size + 1);
    return styles.get(style)!;
  };
  const blank = (i: number) => i < 0 || i >= work.length || !work[i].trim();

  function headingStyle(i: number): { style: string; raw: string } | null {
    const line = work[i];
    const hash = hashHeading(line);
    if (hash) {
      const t = hash.text;
      if (!converted && /[/\\]|\.[a-z]{1,5}\b|[={};<>]/i.test(t)) return null; // a code comment or a path, not a title
      return { style: `#${hash.level}`, raw: t };
    }
    if (converted) return null;
    if (/^\s/.test(line) || !blank(i - 1) || !blank(i + 1)) return null;
    const t = line.trim();
    if (t.length > 90 || listLine(line)) return null;
    const numbered = NUMBERED_LABEL.exec(t);
    if (numbered) return { style: /^\d/.test(numbered[1]) ? `num${numbered[1].split(".").length}` : "label", raw: t };
    if (!/^[\p{Lu}\p{N}]/u.test(t) || /[.:;,!?]$/.test(t) || /\?/.test(t)) return null;
    const field = readField(t);
    if (field && !/^(summary|overview)$/i.test(field.label)) return null;
    return { style: "plain", raw: t };
  }

  const blocks: Block[] = [];
  let i = 0;
  while (i < work.length) {
    if (blank(i)) {
      i++;
      continue;
    }
    const fence = /^\s*(```|~~~)\s*([\w+-]*)/.exec(work[i]);
    if (fence) {
      const start = i;
      const body: string[] = [];
      i++;
      while (i < work.length && !work[i].trim().startsWith(fence[1])) body.push(work[i++]);
      i++;
      blocks.push({
        type: "code",
        lang: fence[2] || null,
        value: codeValue(body.join("\n")),
        line: start + 1,
        endLine: Math.min(i, work.length),
      });
      continue;
    }
    const heading = headingStyle(i);
    if (heading) {
      blocks.push({ type: "heading", level: levelOf(heading.style), raw: heading.raw, line: i + 1, endLine: i + 1 });
      i++;
      continue;
    }
    if (listLine(work[i])) {
      const { block, next } = readList(i);
      blocks.push(block);
      i = next;
      continue;
    }
    const start = i;
    const parts: string[] = [work[i++].trim()];
    while (
      i < work.length &&
      !blank(i) &&
      !listLine(work[i]) &&
      !(hashHeading(work[i]) && headingStyle(i)) &&
      !/^\s*(```|~~~)/.test(work[i])
    )
      parts.push(work[i++].trim());
    blocks.push({ type: "paragraph", raw: parts.join("\n"), line: start + 1, endLine: i });
  }

  function readList(start: number): { block: Block; next: number } {
    const first = listLine(work[start])!;
    const root: Extract<Block, { type: "list" }> = {
      type: "list",
      ordered: first.ordered,
      items: [],
      line: start + 1,
      endLine: start + 1,
    };
    const stack: Array<{ indent: number; list: typeof root }> = [{ indent: first.indent, list: root }];
    let i = start;
    let last: ListItemBlock | null = null;
    let lastIndent = first.indent;
    while (i < work.length) {
      if (blank(i)) {
        let j = i;
        while (blank(j) && j < work.length) j++;
        const peek = j < work.length ? listLine(work[j]) : null;
        const continues = peek
          ? peek.indent > first.indent || peek.ordered === first.ordered
          : /^\s/.test(work[j] ?? "") && work[j].length - work[j].trimStart().length > lastIndent;
        if (!continues || headingStyle(j) || j >= work.length) break;
        i = j;
        continue;
      }
      if (hashHeading(work[i]) && headingStyle(i)) break;
      const l = listLine(work[i]);
      if (!l) {
        const indent = work[i].length - work[i].trimStart().length;
        if (!last || indent <= lastIndent) break;
        const t = work[i].trim();
        const tail = last.children[last.children.length - 1];
        if (/^\p{Ll}/u.test(t) && !/:\s*$/.test(last.raw) && !last.children.length) last.raw += ` ${t}`;
        else if (tail?.type === "paragraph" && tail.endLine === i) {
          tail.raw += `\n${t}`;
          tail.endLine = i + 1;
        } else last.children.push({ type: "paragraph", raw: t, line: i + 1, endLine: i + 1 });
        last.endLine = i + 1;
        i++;
        continue;
      }
      if (l.indent < first.indent) break;
      if (root.ordered && !l.ordered && l.indent === first.indent && last)
        l.indent = first.indent + 1; // "- note" under "2. step"
      else if (!root.ordered && l.ordered && l.indent === first.indent) break;
      while (stack.length > 1 && l.indent < stack[stack.length - 1].indent) stack.pop();
      const top = stack[stack.length - 1];
      if (l.indent > top.indent && last) {
        const nested: typeof root = { type: "list", ordered: l.ordered, items: [], line: i + 1, endLine: i + 1 };
        last.children.push(nested);
        stack.push({ indent: l.indent, list: nested });
      }
      const item = itemFrom(l, i + 1);
      stack[stack.length - 1].list.items.push(item);
      for (const s of stack) s.list.endLine = i + 1;
      last = item;
      lastIndent = l.indent;
      i++;
    }
    settleEnds(root);
    return { block: root, next: i };
  }

  return { format: "text", blocks, lines, notes };
}

/** A code block's text without its leading blank lines and trailing white space (`/^\s*\n|\s+$/g`, linear). */
function codeValue(text: string): string {
  const lead = text.length - text.trimStart().length;
  const cut = text.lastIndexOf("\n", lead - 1);
  return (lead > 0 && cut >= 0 ? text.slice(cut + 1) : text).trimEnd();
}

/** A list (and each item) ends where its last nested child ends. */
function settleEnds(list: Extract<Block, { type: "list" }>): number {
  for (const item of list.items) {
    for (const child of item.children)
      item.endLine = Math.max(item.endLine, child.type === "list" ? settleEnds(child) : child.endLine);
    list.endLine = Math.max(list.endLine, item.endLine);
  }
  return list.endLine;
}
