// Inline text: from markup as written to plain text, and the markers (✅, ~~strike~~, [x]) it carries.
// Everything here runs on text from uploaded documents, so every pattern is linear in the length of
// its input: the few that a backtracking engine would run in quadratic or exponential time (links,
// rst references, tags, trailing marks) are small scanners instead (see lib/import/scan.ts).
import { DONE_MARKS, DONE_WORDS, OPEN_BOX } from "@/lib/import/vocabulary";
import { NextIndex, restOfLine, trimEndChars } from "@/lib/import/scan";

const PICTO = /^(?:[\p{Extended_Pictographic}\u2610\u2611\u2713\u2714\u2705\u274c\uFE0F\u200D]\s*)+/u;
const STATUS_MARK = /[\u2705\u2611\u2713\u2714\uFE0F]/u;
const TRAILING_MARK = /[\u2705\u2611\u2713\u2714\u274c\uFE0F]/u;
const STATUS_WORDS = ["COMPLETED", "COMPLETE", "RESOLVED", "DONE", "FIXED", "CLOSED"];
const STATUS_SEPARATORS = "-–—:(";
const isSpace = (c: string) => c.trim() === "";
const isWordChar = (c: string | undefined) => c !== undefined && /\w/.test(c);

interface TrailMatch {
  index: number;
  /** The whole match (marks, separator, word, ")" and spaces). */
  text: string;
  word: string;
}

/**
 * A status word closing a line ("… - DONE", "… ✅ COMPLETED", "(FIXED)") with the marks, separator and
 * spaces before it. Reads the same as the pattern
 * `(?:\s*[✅☑✓✔\uFE0F]+)*\s*(?:[-–—:(]\s*)?\b(COMPLETED|…|CLOSED)\b\)?\s*$`, scanning from the end.
 */
export function trailingStatus(text: string): TrailMatch | null {
  let end = text.trimEnd().length;
  if (text[end - 1] === ")") end--;
  const word = STATUS_WORDS.find((w) => text.startsWith(w, end - w.length));
  if (!word) return null;
  const wordStart = end - word.length;
  if (isWordChar(text[wordStart - 1])) return null;
  let start = wordStart;
  while (start > 0 && isSpace(text[start - 1])) start--;
  if (start > 0 && STATUS_SEPARATORS.includes(text[start - 1])) start--;
  while (start > 0 && (isSpace(text[start - 1]) || STATUS_MARK.test(text[start - 1]))) start--;
  return { index: start, text: text.slice(start), word };
}

/** Marks closing a line ("… ✅", "… ❌ ✔️"): same as `(?:\s*[✅☑✓✔❌\uFE0F]+)+\s*$`, scanning from the end. */
export function trailingMarks(text: string): TrailMatch | null {
  let start = text.length;
  let marks = false;
  while (start > 0) {
    const c = text[start - 1];
    if (TRAILING_MARK.test(c)) marks = true;
    else if (!isSpace(c)) break;
    start--;
  }
  if (!marks) return null;
  return { index: start, text: text.slice(start), word: "" };
}

/**
 * Markdown links and images, `[text](target)` / `![alt](target)`, replaced by their text. Same
 * matches as `!?\[([^\]]*)\]\([^)]*\)` applied left to right, but each attempt looks up the next
 * "]" and ")" in a table instead of scanning, so the whole pass is linear.
 */
function replaceLinks(s: string, image: boolean): string {
  if (!s.includes("](")) return s;
  const close = new NextIndex(s, "]");
  const paren = new NextIndex(s, ")");
  let out = "";
  let from = 0;
  for (let i = s.indexOf(image ? "![" : "[", 0); i >= 0; i = s.indexOf(image ? "![" : "[", i + 1)) {
    if (i < from) continue;
    const open = image ? i + 1 : i;
    const j = close.after(open + 1);
    if (j < 0) break;
    if (!image && j === open + 1) continue; // [^\]]+ needs one character
    if (s[j + 1] !== "(") continue;
    const k = paren.after(j + 2);
    if (k < 0) continue;
    out += s.slice(from, i) + s.slice(open + 1, j);
    from = k + 1;
    i = k;
  }
  return out + s.slice(from);
}

/**
 * reStructuredText links `text <url>`_ (angle = true) and references `text`_ (angle = false), one or
 * two underscores, replaced by the text without the spaces before "<" or the closing backtick: the
 * matches of `` `([^`<]+?)\s*<[^>]*>`_{1,2} `` and `` `([^`]+?)\s*`_{1,2} ``, found in linear time.
 */
function replaceRstReferences(s: string, angle: boolean): string {
  if (!s.includes("`_")) return s;
  const tick = new NextIndex(s, "`");
  const lt = angle ? new NextIndex(s, "<") : null;
  const gt = angle ? new NextIndex(s, ">") : null;
  let out = "";
  let from = 0;
  for (let i = s.indexOf("`"); i >= 0; i = s.indexOf("`", i + 1)) {
    if (i < from) continue;
    const t = tick.after(i + 1);
    let textEnd = -1;
    let close = -1; // the closing backtick
    if (lt && gt) {
      const l = lt.after(i + 1);
      if (l <= i + 1 || (t >= 0 && t < l)) continue;
      const g = gt.after(l + 1);
      if (g < 0 || s[g + 1] !== "`") continue;
      textEnd = l;
      close = g + 1;
    } else {
      if (t <= i + 1) continue;
      textEnd = t;
      close = t;
    }
    if (s[close + 1] !== "_") continue;
    out += s.slice(from, i) + keepOne(s.slice(i + 1, textEnd));
    from = close + (s[close + 2] === "_" ? 3 : 2);
    i = from - 1;
  }
  return out + s.slice(from);
}

/** The lazy `(x+?)\s*` capture: trailing spaces dropped, but never below one character. */
const keepOne = (text: string) => text.trimEnd() || text.slice(0, 1);

/** HTML tags (`<b>`, `</span>`, `<a href=…>`) removed: `<\/?[a-z][^>]*>`, case-insensitive, linear. */
function removeTags(s: string): string {
  if (!s.includes("<")) return s;
  const gt = new NextIndex(s, ">");
  let out = "";
  let from = 0;
  for (let i = s.indexOf("<"); i >= 0; i = s.indexOf("<", i + 1)) {
    if (i < from) continue;
    const n = s[i + 1] === "/" ? i + 2 : i + 1;
    if (!/[a-z]/i.test(s[n] ?? "")) continue;
    const g = gt.after(n + 1);
    if (g < 0) break;
    out += s.slice(from, i);
    from = g + 1;
    i = g;
  }
  return out + s.slice(from);
}

/** Markdown or reStructuredText inline markup to plain text, whitespace collapsed. */
export function plainInline(raw: string): string {
  let s = raw;
  s = replaceLinks(s, true); // images
  s = replaceLinks(s, false); // markdown links
  s = replaceRstReferences(s, true); // rst links `text <url>`_
  s = replaceRstReferences(s, false); // rst references `text`_
  s = s.replace(/:[a-z-]+:`([^`]+)`/g, "$1"); // rst roles :code:`x`
  s = s.replace(/``([^`]+)``/g, "$1"); // rst literals
  s = s.replace(/`([^`]+)`/g, "$1"); // code spans
  s = s.replace(/~~([^~]*)~~/g, "$1");
  s = s.replace(/\*\*([^*]+)\*\*/g, "$1").replace(/__([^_]+)__/g, "$1");
  s = s.replace(/(^|[\s(])\*(\S(?:[^*]*\S)?)\*(?=[\s).,:;!?]|$)/g, "$1$2");
  s = s.replace(/(^|[\s(])_(\S(?:[^_]*\S)?)_(?=[\s).,:;!?]|$)/g, "$1$2");
  s = removeTags(s);
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!~|])/g, "$1");
  return s.replace(/\s+/g, " ").trim();
}

/** The struck-through parts of inline markup and what is left outside them. */
export function strikeParts(raw: string): { struck: string[]; rest: string } {
  const struck: string[] = [];
  const rest = raw.replace(/~~([^~]*)~~/g, (_m, inner: string) => {
    struck.push(inner);
    return " ";
  });
  return { struck, rest };
}

/** True when the words of `raw` (markers and status words aside) are all struck through. */
export function fullyStruck(raw: string): boolean {
  const { struck, rest } = strikeParts(raw);
  if (!struck.length) return false;
  let left = plainInline(rest).replace(PICTO, "");
  left = left.slice(0, trailingStatus(left)?.index ?? left.length);
  left = left.slice(0, trailingMarks(left)?.index ?? left.length).trim();
  return left.replace(/[\s\p{P}]/gu, "") === "";
}

export interface MarkedText {
  /** Plain text with leading markers and trailing status words removed. */
  text: string;
  /** "done" from ✅ ✔ ✓ ☑ [x], a trailing COMPLETED/DONE/RESOLVED or a fully struck title; "open" from ☐ ❌ [ ]. */
  mark: "done" | "open" | null;
}

/** Splits leading checkbox/emoji markers and trailing status words from a line of inline text. */
export function readMarks(raw: string): MarkedText {
  let mark: MarkedText["mark"] = null;
  let s = raw.trim();
  const box = /^\[( |x|X)\]\s+/.exec(s);
  if (box) {
    mark = box[1] === " " ? "open" : "done";
    s = s.slice(box[0].length);
  }
  const struck = fullyStruck(s);
  let text = plainInline(s);
  const lead = PICTO.exec(text);
  if (lead) {
    if (DONE_MARKS.test(lead[0])) mark = "done";
    else if (OPEN_BOX.test(lead[0])) mark ??= "open";
    text = text.slice(lead[0].length);
  }
  const trail = trailingStatus(text);
  if (trail && (DONE_WORDS.test(trail.word) || /[\u2705\u2714\u2713\u2611]/u.test(trail.text))) {
    mark = "done";
    text = text.slice(0, trail.index);
  }
  const marks = trailingMarks(text);
  if (marks) {
    if (DONE_MARKS.test(marks.text)) mark = "done";
    text = text.slice(0, marks.index);
  }
  if (struck) mark = "done";
  return { text: text.trim(), mark };
}

/** A title fit for a list: no trailing ":" ";" "," or single full stop, at most 200 characters. */
export function tidyTitle(text: string): string {
  let t = trimEndChars(text.trim(), ":;,").trim();
  if (/[^.]\.$/.test(t)) t = t.slice(0, -1);
  if (t.length > 200) t = `${t.slice(0, 197).trimEnd()}…`;
  return t;
}

/** Code spans (`x` or ``x``) in inline markup, in order. */
export function codeSpans(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/``([^`]+)``|`([^`]+)`/g)) out.push((m[1] ?? m[2]).trim());
  return out;
}

/** "Label: value" at the start of a line of inline markup: "**Block**: CI/CD", "**JWT Auth:**", "Acceptance Criteria:". */
export function readField(rawLine: string): { label: string; valueRaw: string } | null {
  // The label part is bounded ({0,48}, and it cannot hold ":", "*" or "_"), so this prefix match is
  // linear; the rest of the line is checked by restOfLine (the old `(?:\s+|$)(.*)$` tail was quadratic).
  const m = FIELD_PREFIX.exec(rawLine);
  if (!m) return null;
  const tail = rawLine.slice(m[0].length);
  if (tail && !isSpace(tail[0])) return null;
  const value = restOfLine(tail);
  if (value === null) return null;
  const label = m[1].trim();
  if (!label || /\s{2,}/.test(label)) return null;
  return { label, valueRaw: value.trim() };
}

const FIELD_PREFIX = /^\s*(?:\*\*|__)?([A-Za-z][A-Za-z0-9 ./&'()-]{0,48}?)(?::(?:\*\*|__)|(?:\*\*|__)?:)/;
