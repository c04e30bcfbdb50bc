// Priority and status as written in a field, a table cell or a title tag.
import type { ImportPriority, ImportStatus } from "@/lib/import/types";
import { plainInline, strikeParts } from "@/lib/import/inline";
import {
  DONE_MARKS,
  DONE_WORDS_ANY_CASE,
  IN_PROGRESS_WORDS,
  PRIORITY_PATTERN,
  priorityWord,
} from "@/lib/import/vocabulary";

/**
 * "High" -> HIGH. "~~HIGH~~ MEDIUM" -> MEDIUM (re-prioritised: the word left standing wins).
 * "~~HIGH~~ COMPLETED" -> HIGH and done: COMPLETED is a status, not a priority, so the struck
 * word is the item's criticality before it was closed.
 */
export function readPriority(raw: string | null | undefined): { priority: ImportPriority | null; done: boolean } {
  if (!raw) return { priority: null, done: false };
  const { struck, rest } = strikeParts(raw);
  const standing = plainInline(rest);
  const word =
    PRIORITY_PATTERN.exec(standing)?.[1] ?? struck.map((s) => PRIORITY_PATTERN.exec(plainInline(s))?.[1]).find(Boolean);
  return {
    priority: word ? priorityWord(word) : null,
    done: DONE_WORDS_ANY_CASE.test(standing) && !PRIORITY_PATTERN.test(standing),
  };
}

/** A status field or cell: "✅ Complete", "Done", "In progress", "Open". Null when it says nothing we know. */
export function readStatus(raw: string | null | undefined): ImportStatus | null {
  if (!raw) return null;
  if (/^\s*\[[xX]\]/.test(raw)) return "DONE";
  const { rest } = strikeParts(raw);
  const text = plainInline(rest);
  if (DONE_MARKS.test(rest) || DONE_WORDS_ANY_CASE.test(text)) return "DONE";
  if (/\u{1F6A7}/u.test(rest) || IN_PROGRESS_WORDS.test(text)) return "IN_PROGRESS";
  if (text) return "OPEN";
  return null;
}

/** "[P1] Title", "HIGH: Title", "(Critical) Title" -> the priority and the title without the tag. */
export function titleTag(title: string): { priority: ImportPriority | null; raw: string | null; title: string } {
  const m = /^\s*[[(]?(BLOCKER|CRITICAL|HIGH|MEDIUM|LOW|P[0-3])[\])]?\s*(?:[:\-–—|]\s+|(?<=[\])])\s*)(\S.*)$/i.exec(
    title,
  );
  if (!m) return { priority: null, raw: null, title };
  return { priority: priorityWord(m[1]), raw: m[1], title: m[2] };
}
