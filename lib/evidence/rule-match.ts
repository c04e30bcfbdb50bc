import type { EvidenceKind } from "@/generated/prisma/enums";

// Rules file evidence under controls: "evidence of this kind/format whose attributes match these
// patterns". Patterns are globs: `*` is any run of characters (slashes included), `?` one character,
// everything else literal and case-sensitive. The same semantics run in SQL (LIKE) when a rule is
// applied to past evidence, so that both agree.

export const RULE_ATTRIBUTES = {
  repo: "sourceRepo",
  branch: "sourceBranch",
  workflow: "sourceWorkflow",
  name: "subject",
} as const;
export type RuleAttribute = keyof typeof RULE_ATTRIBUTES;
export type RuleConditions = Partial<Record<RuleAttribute, string>>;

export interface MatchableRule {
  kind: EvidenceKind | null;
  format: string | null;
  conditions: RuleConditions;
}

export interface MatchableEvidence {
  kind: EvidenceKind;
  format: string;
  sourceRepo: string | null;
  sourceBranch: string | null;
  sourceWorkflow: string | null;
  subject: string | null;
}

/**
 * Whether a value matches a glob. Filing rules come from users, so this is the classic two-pointer
 * wildcard match instead of a regex (`*a*a*a*a*a*a*a*a*b` as a backtracking regex took 41 s on 60
 * characters): on a mismatch it returns to the last `*` and lets it take one more character, never
 * to earlier stars, so the work is at most (value length + 1) × (pattern length + 1) steps.
 * Characters are code points, as in the database's LIKE.
 */
export function globMatches(glob: string, value: string, work?: { steps: number }): boolean {
  const p = Array.from(glob);
  const s = Array.from(value);
  let i = 0; // in s
  let j = 0; // in p
  let star = -1; // the last "*" seen in p
  let from = 0; // where in s that star's run ends
  let steps = 0;
  while (i < s.length) {
    steps++;
    if (j < p.length && p[j] !== "*" && (p[j] === "?" || p[j] === s[i])) {
      i++;
      j++;
    } else if (j < p.length && p[j] === "*") {
      star = j++;
      from = i;
    } else if (star >= 0) {
      j = star + 1;
      i = ++from;
    } else break;
  }
  while (i === s.length && j < p.length && p[j] === "*") j++;
  if (work) work.steps += steps;
  return i === s.length && j === p.length;
}

/** The LIKE pattern (with ESCAPE '\') that matches exactly what `globMatches` matches. */
export function globToLike(glob: string): string {
  let out = "";
  for (const c of glob) out += c === "*" ? "%" : c === "?" ? "_" : c === "%" || c === "_" || c === "\\" ? `\\${c}` : c;
  return out;
}

export function ruleMatches(rule: MatchableRule, ev: MatchableEvidence): boolean {
  if (rule.kind && rule.kind !== ev.kind) return false;
  if (rule.format && rule.format !== ev.format) return false;
  for (const [attr, pattern] of Object.entries(rule.conditions) as Array<[RuleAttribute, string | undefined]>) {
    if (pattern === undefined) continue;
    const value = ev[RULE_ATTRIBUTES[attr]];
    if (value === null || !globMatches(pattern, value)) return false;
  }
  return true;
}
