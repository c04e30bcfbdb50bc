import type { EvidenceKind } from "@/generated/prisma/enums";

// Rules file evidence under controls: "evidence of this kind/format whose attributes match these
// patterns". Patterns are globs: `*` is any run of characters (slashes included), `?` one character,
// everything else literal and case-sensitive. The same semantics run in SQL (LIKE) when a rule is
// applied to past evidence, so that both agree.

export const RULE_ATTRIBUTES = { repo: "sourceRepo", branch: "sourceBranch", workflow: "sourceWorkflow", name: "subject" } as const;
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

export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (const c of glob) re += c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${re}$`, "u");
}

/** The LIKE pattern (with ESCAPE '\') that matches exactly what `globToRegExp` matches. */
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
    if (value === null || !globToRegExp(pattern).test(value)) return false;
  }
  return true;
}
