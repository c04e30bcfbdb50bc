// What a heading says about itself when it is an entry: an ID written in one of the shapes teams use
// ("7f. Title", "C1: Title", "Check-Identity-01: Title", "GAP 1: Title", "#001 Title", "ISSUE_0001"),
// and a state or priority written after the title ("— `NEEDS DECISION`", "· HIGH", "🔴 **CRITICAL**",
// "✅ RESOLVED"). Every pattern is anchored and bounded, so each runs in linear time.
import type { ImportPriority, ImportStatus } from "@/lib/import/types";
import { plainInline } from "@/lib/import/inline";
import { readStatus } from "@/lib/import/signals";
import { priorityWord } from "@/lib/import/vocabulary";

/** IDs that need no punctuation after them: hyphen/underscore IDs ending in a number, "#001", "7f". */
const LOOSE_ID = String.raw`[A-Z][A-Za-z0-9]{0,31}(?:[-_][A-Za-z][A-Za-z0-9]{0,31}){0,6}[-_]\d{1,5}[a-z]?|#\d{1,5}|\d{1,4}[a-z]`;
/** IDs that must be followed by ":" "." ")" or a dash: "C1:", "GAP 1:", "Gap 12 —". */
const STRICT_ID = String.raw`[A-Z]{1,3}\d{1,4}[a-z]?|[A-Z][A-Za-z]{1,15} \d{1,4}[a-z]?`;
const LOOSE = new RegExp(String.raw`^(${LOOSE_ID})(?:\s*[:.)|\-–—]\s*|\s+)(\S.*)?$`);
const STRICT = new RegExp(String.raw`^(${STRICT_ID})\s*[:.)|\-–—](?![\d.])\s*(\S.*)?$`);
/** "Gap 1:", "Issue 12 —": a word and a number make an ID when the word names a piece of work (or is in capitals). */
const ID_WORDS =
  /^(gap|issue|finding|risk|item|task|bug|story|ticket|requirement|control|check|recommendation|action|defect|vulnerability|todo|incident|problem|concern|req|feat|feature)$/i;

/** Words that number parts of a document, not work: "Phase 1:", "Step 2.", "Tier 3 —". */
const PART_WORDS =
  /^(step|steps|phase|tier|part|section|chapter|stage|level|option|appendix|sprint|week|day|month|quarter|milestone|priority|wave|round|iteration|version|release|table|figure|example|q|h|p|v)$/i;

export function headingId(title: string): { key: string; rest: string } | null {
  const t = title.trim();
  const m = LOOSE.exec(t) ?? STRICT.exec(t);
  if (!m) return null;
  const key = m[1];
  const word = /^[A-Za-z]+/.exec(key)?.[0] ?? "";
  if (word && PART_WORDS.test(word) && !/[-_]/.test(key)) return null;
  if (key.includes(" ") && !ID_WORDS.test(word) && word !== word.toUpperCase()) return null;
  return { key: key.replace(/^#/, "#"), rest: (m[2] ?? "").trim() };
}

const EMOJI_PRIORITY: Array<[RegExp, ImportPriority]> = [
  [/\u{1F534}/u, "CRITICAL"], // 🔴
  [/\u{1F7E0}/u, "HIGH"], // 🟠
  [/\u{1F7E1}/u, "MEDIUM"], // 🟡
  [/\u{1F7E2}/u, "LOW"], // 🟢
  [/\u26AA/u, "LOW"], // ⚪
];
const PRIORITY_TOKEN =
  /^(BLOCKER|CRITICAL|HIGH|MEDIUM|LOW|INFO|P[0-3])(?:\/(?:BLOCKER|CRITICAL|HIGH|MEDIUM|LOW|INFO|P[0-3]))?$/i;
/** A state written as a token: upper-case words ("NEEDS DECISION", "IN PROGRESS", "RESOLVED"), or a known status word. */
const STATE_TOKEN = /^[A-Z][A-Z _-]{1,29}$/;
const STATE_WORD =
  /^(?:done|open|todo|closed|resolved|fixed|blocked|in progress|in-progress|wip|partial|deferred|needs[ -]triage)$/i;
const TRAILING_PICTOGRAPHS = /(?<![\p{Extended_Pictographic}\uFE0F\s])[\p{Extended_Pictographic}\uFE0F\s]+$/u;
const TAIL_SEPARATORS = "·|—–-:";

export interface HeadingTags {
  priority: ImportPriority | null;
  priorityRaw: string | null;
  status: ImportStatus | null;
  statusRaw: string | null;
  /** The heading's title without the tags. */
  title: string;
}

/** An emoji colour marker anywhere in a heading: its priority. */
export function emojiPriority(raw: string): ImportPriority | null {
  for (const [re, p] of EMOJI_PRIORITY) if (re.test(raw)) return p;
  return null;
}

/**
 * Tags after a heading's title, read from the raw heading: a backticked token (`NEEDS DECISION`,
 * `DONE`), a bold word (**CRITICAL**) or a bare priority word after a separator (" · HIGH").
 */
export function headingTags(raw: string): HeadingTags {
  const out: HeadingTags = {
    priority: emojiPriority(raw),
    priorityRaw: null,
    status: null,
    statusRaw: null,
    title: plainInline(raw),
  };
  let s = raw.trim();
  for (let round = 0; round < 3; round++) {
    const tail = lastTag(s);
    if (!tail) break;
    const word = plainInline(tail.token).replace(/[()]/g, "").trim();
    // A tag follows a title: "**CRITICAL PRIORITY**" alone is a heading in bold, not a tag.
    if (!/[\p{L}\p{N}]/u.test(plainInline(s.slice(0, tail.index)))) break;
    if (PRIORITY_TOKEN.test(word)) {
      const first = word.split("/")[0];
      out.priority ??= priorityWord(first) ?? (first.toUpperCase() === "INFO" ? "LOW" : null);
      out.priorityRaw ??= word;
    } else if (tail.kind !== "word" && (STATE_TOKEN.test(word) || STATE_WORD.test(word))) {
      out.status ??= readStatus(word);
      out.statusRaw ??= word;
    } else break;
    s = s.slice(0, tail.index).trimEnd();
    while (s && TAIL_SEPARATORS.includes(s[s.length - 1])) s = s.slice(0, -1).trimEnd();
    while (s && /[\p{Extended_Pictographic}\uFE0F]/u.test(s[s.length - 1])) s = s.slice(0, -1).trimEnd();
  }
  out.title = plainInline(s).replace(TRAILING_PICTOGRAPHS, "").trim();
  return out;
}

/** The last tag of a heading: `token`, **token**, or a bare word after " · " / " — " / " | ". */
function lastTag(s: string): { token: string; index: number; kind: "code" | "bold" | "word" } | null {
  const t = s.trimEnd();
  if (t.endsWith("`")) {
    const open = t.lastIndexOf("`", t.length - 2);
    if (open > 0) return { token: t.slice(open + 1, -1), index: open, kind: "code" };
  }
  if (t.endsWith("**")) {
    const open = t.lastIndexOf("**", t.length - 3);
    if (open > 0) return { token: t.slice(open + 2, -2), index: open, kind: "bold" };
  }
  // " · HIGH", " — LOW (not reachable today)": a separator, then a priority word and an optional note.
  for (let i = t.length - 1; i > 0 && i >= t.length - 60; i--) {
    if ("·|—–".includes(t[i]) && t[i - 1] === " ") {
      const after = t.slice(i + 1).trim();
      const word = /^[A-Za-z0-9/]+/.exec(after)?.[0] ?? "";
      if (PRIORITY_TOKEN.test(word)) return { token: word, index: i, kind: "word" };
      return null;
    }
  }
  return null;
}
