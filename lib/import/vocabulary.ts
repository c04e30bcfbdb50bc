// The words and patterns the importer recognises. Kept in one place so docs/importing.md can list them.
import type { ImportPriority } from "@/lib/import/types";

/**
 * Keys such as REL-001, SEC-LLM-002, CICD-006, BUG-12: upper-case segments, then a number. Segments
 * are at most 32 characters and at most 8 of them: bounded, so that searching for a key anywhere in
 * a line stays linear (unbounded segments made `\b(KEY)\b` quadratic on "A-A-A-A…").
 */
export const KEY_SOURCE = String.raw`[A-Z][A-Z0-9]{0,31}(?:-[A-Z][A-Z0-9]{0,31}){0,7}-\d{1,5}`;
export const KEY_ONLY = new RegExp(`^${KEY_SOURCE}$`);

const PRIORITY_WORDS: Record<string, ImportPriority> = {
  BLOCKER: "BLOCKER",
  CRITICAL: "CRITICAL",
  HIGH: "HIGH",
  MEDIUM: "MEDIUM",
  LOW: "LOW",
  // P0–P3: P0 is "drop everything" but not a release blocker by name, so it maps to CRITICAL.
  P0: "CRITICAL",
  P1: "HIGH",
  P2: "MEDIUM",
  P3: "LOW",
};

/** "High", "P1", "CRITICAL" -> the priority; anything else -> null. */
export function priorityWord(word: string): ImportPriority | null {
  return PRIORITY_WORDS[word.trim().toUpperCase()] ?? null;
}

export const PRIORITY_PATTERN = /\b(BLOCKER|CRITICAL|HIGH|MEDIUM|LOW|P[0-3])\b/i;

/** Words that mark work as done when they stand on their own (upper case in titles, any case in a status field). */
export const DONE_WORDS = /\b(COMPLETED|COMPLETE|RESOLVED|DONE|FIXED|CLOSED)\b/;
export const DONE_WORDS_ANY_CASE = /\b(completed|complete|resolved|done|fixed|closed|ready|implemented)\b/i;
export const IN_PROGRESS_WORDS = /\b(in progress|in-progress|wip|ongoing|started|partial)\b/i;
export const OPEN_WORDS = /\b(open|todo|to do|not started|pending|missing|blocked)\b/i;

/** Marks that mean "done" when they lead or follow an item: ✅ ✔ ✓ ☑ ✔️ */
export const DONE_MARKS = /[\u2705\u2714\u2713\u2611]/u;
export const OPEN_BOX = /[\u2610\u274c]/u; // ☐ ❌

/** A heading that only states a priority: "HIGH Priority", "BLOCKER (Must fix…)", "Critical (Must Fix Before Production)". */
export const PRIORITY_HEADING =
  /^(?:priority\s*(?:[:\-–—]\s*)?)?(BLOCKER|CRITICAL|HIGH|MEDIUM|LOW|P[0-3])S?\b(?:\s+priority)?(?:\s*[(\-–—:|].*)?$/i;

/** Headings that hold runbooks. A heading naming "runbook" or "playbook" wins over the others. */
export const RUNBOOK_NAMED = /\b(run ?books?|play ?books?)\b/i;
export const RUNBOOK_HEADING =
  /\b(restore|restores|restoring|drills?|incident|incidents|rotation|rotate|recovery|recover|escalation|escalate|failover|disaster|rollback|roll back|outage|on-call)\b/i;

/** Headings that name a procedure: their numbered lists are its steps (lib/import/procedures.ts). */
export const PROCEDURE_HEADING =
  /\b(upgrad(?:e|es|ing)|migrat(?:e|es|ing|ion)|repair(?:ing)?|rotating|process for|procedures?|walk-?through|how to|install(?:ing|ation)?|deploy(?:ing|ment)?)\b/i;

/** Sections whose lists are reference material, not work. */
export const REFERENCE_HEADING =
  /^(external )?(references?|links|see also|further reading|resources|bibliography|table of contents|contents|toc)$/i;

/** Headings that name a part of a document rather than a block of work; a block is taken from further out. */
export const GENERIC_HEADING =
  /^(summary|overview|introduction|current state|issues|details|strengths|weaknesses|implementation|recommendations?|acceptance criteria|notes|background|context|status|description|solution)$/i;

export const LABELS = {
  criteria:
    /^(acceptance criteria|acceptance|criteria|definition of done|done when|exit criteria|pass|pass criteria|passes when)$/i,
  files: /^(affected files|files|files to (modify|create|change|update|touch)|changed files|touched files)$/i,
  location: /^(location|locations|where)$/i,
  priority: /^(priority|criticality|severity|urgency|prio)$/i,
  block: /^(block|area|category|workstream|stream)$/i,
  status: /^(status|state)$/i,
  verification: /^(verification|verify|verification commands?|how to verify|verify with|test commands?|commands?)$/i,
} as const;

export const SHELL_LANGS = /^(bash|sh|shell|console|zsh|shell-session|sh-session|powershell|ps1|cmd|bat|fish)$/i;

/** Cadence words and the number of days they mean. */
export const CADENCE_WORDS: Array<[RegExp, number]> = [
  [/\bweekly\b|\bevery week\b/i, 7],
  [/\bfortnightly\b|\bevery two weeks\b|\bbi-?weekly\b/i, 14],
  [/\bmonthly\b|\bevery month\b/i, 30],
  [/\bquarterly\b|\bevery (three|3) months\b|\bevery quarter\b/i, 90],
  [/\bsemi-?annual(ly)?\b|\btwice a year\b|\bevery (six|6) months\b/i, 182],
  [/\bannual(ly)?\b|\byearly\b|\bevery year\b|\bonce a year\b/i, 365],
];
