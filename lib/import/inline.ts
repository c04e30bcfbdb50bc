// Inline text: from markup as written to plain text, and the markers (✅, ~~strike~~, [x]) it carries.
import { DONE_MARKS, DONE_WORDS, OPEN_BOX } from "@/lib/import/vocabulary";

const PICTO = /^(?:[\p{Extended_Pictographic}\u2610\u2611\u2713\u2714\u2705\u274c\uFE0F\u200D]\s*)+/u;
const TRAILING_STATUS = /(?:\s*[\u2705\u2611\u2713\u2714\uFE0F]+)*\s*(?:[-–—:(]\s*)?\b(COMPLETED|COMPLETE|RESOLVED|DONE|FIXED|CLOSED)\b\)?\s*$/u;
const TRAILING_MARKS = /(?:\s*[\u2705\u2611\u2713\u2714\u274c\uFE0F]+)+\s*$/u;

/** Markdown or reStructuredText inline markup to plain text, whitespace collapsed. */
export function plainInline(raw: string): string {
  let s = raw;
  s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1"); // images
  s = s.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1"); // markdown links
  s = s.replace(/`([^`<]+?)\s*<[^>]*>`_{1,2}/g, "$1"); // rst links `text <url>`_
  s = s.replace(/`([^`]+?)\s*`_{1,2}/g, "$1"); // rst references `text`_
  s = s.replace(/:[a-z-]+:`([^`]+)`/g, "$1"); // rst roles :code:`x`
  s = s.replace(/``([^`]+)``/g, "$1"); // rst literals
  s = s.replace(/`([^`]+)`/g, "$1"); // code spans
  s = s.replace(/~~([^~]*)~~/g, "$1");
  s = s.replace(/\*\*([^*]+)\*\*/g, "$1").replace(/__([^_]+)__/g, "$1");
  s = s.replace(/(^|[\s(])\*(\S(?:[^*]*\S)?)\*(?=[\s).,:;!?]|$)/g, "$1$2");
  s = s.replace(/(^|[\s(])_(\S(?:[^_]*\S)?)_(?=[\s).,:;!?]|$)/g, "$1$2");
  s = s.replace(/<\/?[a-z][^>]*>/gi, "");
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
  const left = plainInline(rest).replace(PICTO, "").replace(TRAILING_STATUS, "").replace(TRAILING_MARKS, "").trim();
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
  const trail = TRAILING_STATUS.exec(text);
  if (trail && (DONE_WORDS.test(trail[1]) || /[\u2705\u2714\u2713\u2611]/u.test(trail[0]))) {
    mark = "done";
    text = text.slice(0, trail.index);
  }
  const marks = TRAILING_MARKS.exec(text);
  if (marks) {
    if (DONE_MARKS.test(marks[0])) mark = "done";
    text = text.slice(0, marks.index);
  }
  if (struck) mark = "done";
  return { text: text.trim(), mark };
}

/** A title fit for a list: no trailing ":" ";" "," or single full stop, at most 200 characters. */
export function tidyTitle(text: string): string {
  let t = text.trim().replace(/[:;,]+$/, "").trim();
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
  const m = /^\s*(?:\*\*|__)?([A-Za-z][A-Za-z0-9 ./&'()-]{0,48}?)(?::(?:\*\*|__)|(?:\*\*|__)?:)(?:\s+|$)(.*)$/.exec(rawLine);
  if (!m) return null;
  const label = m[1].trim();
  if (!label || /\s{2,}/.test(label)) return null;
  return { label, valueRaw: m[2].trim() };
}
