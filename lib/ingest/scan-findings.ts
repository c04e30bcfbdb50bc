import type { FormatId } from "@/lib/ingest/formats";
import { CAPS, clip } from "@/lib/ingest/limits";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { SEVERITIES, vulnerabilityOutcome, type Severity } from "@/lib/ingest/vulnerabilities";

// Findings that are not vulnerable packages (a secret in a file, an insecure call, a misconfiguration),
// counted by severity with the same outcome rule as dependency audits: critical, high or unrated fail;
// moderate or low warn. Summaries keep at most CAPS.listItems findings and the 20 commonest rules.

export interface Finding {
  ruleId: string;
  severity: Severity;
  title?: string;
  location?: string;
}

export function emptyCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

export function addCounts(a: Record<Severity, number>, b: Record<Severity, number>): Record<Severity, number> {
  const out = emptyCounts();
  for (const s of SEVERITIES) out[s] = a[s] + b[s];
  return out;
}

/** Counts, the commonest rules and a capped list: what a summary keeps of any number of findings. */
export class FindingTally {
  readonly severities = emptyCounts();
  readonly kept: Finding[] = [];
  total = 0;
  private readonly byRule = new Map<string, { severity: Severity; count: number }>();

  add(f: Finding): void {
    this.total++;
    this.severities[f.severity]++;
    const r = this.byRule.get(f.ruleId) ?? { severity: f.severity, count: 0 };
    r.count++;
    this.byRule.set(f.ruleId, r);
    if (this.kept.length < CAPS.listItems) this.kept.push({ ...f, title: clip(f.title, CAPS.message) });
  }

  topRules(): Array<{ ruleId: string; severity: Severity; count: number }> {
    return [...this.byRule.entries()]
      .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
      .slice(0, 20)
      .map(([ruleId, v]) => ({ ruleId, severity: v.severity, count: v.count }));
  }

  summary(): Record<string, unknown> {
    return {
      findings: this.total,
      severities: this.severities,
      topRules: this.topRules(),
      items: this.kept,
      itemsOmitted: this.total - this.kept.length,
    };
  }
}

/** A scan whose results are findings (gitleaks, Bandit): SAST_SCAN evidence. */
export function findingsEvidence(opts: {
  format: FormatId;
  tool: string;
  tally: FindingTally;
  /** Why a clean result is still only a warning (e.g. files the tool could not read). */
  incomplete?: string;
  effectiveAt?: Date;
  extra?: Record<string, unknown>;
}): ParsedEvidence {
  const { tally } = opts;
  const c = tally.severities;
  let rule = vulnerabilityOutcome(c);
  if (rule.outcome === "PASS" && opts.incomplete) rule = { outcome: "WARN", outcomeReason: opts.incomplete };
  return {
    kind: "SAST_SCAN",
    format: opts.format,
    title: `${opts.tool}: ${tally.total} finding(s)${c.critical + c.high ? ` (${c.critical} critical, ${c.high} high)` : ""}`,
    ...rule,
    subject: opts.tool,
    effectiveAt: opts.effectiveAt,
    summary: { tool: opts.tool, ...tally.summary(), ...opts.extra },
  };
}
