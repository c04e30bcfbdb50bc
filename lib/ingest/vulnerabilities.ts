import type { FormatId } from "@/lib/ingest/formats";
import { CAPS } from "@/lib/ingest/limits";
import type { ParsedEvidence } from "@/lib/ingest/types";

// The shared shape of dependency audits and of SBOM vulnerability lists: packages by their worst
// severity. The outcome rule: any critical, high or unrated vulnerability fails; moderate or low warns.

export const SEVERITIES = ["critical", "high", "moderate", "low", "info", "unknown"] as const;
export type Severity = (typeof SEVERITIES)[number];
const RANK: Record<Severity, number> = { critical: 5, high: 4, unknown: 3.5, moderate: 3, low: 2, info: 1 };

export function severityOf(v: unknown): Severity {
  const s = typeof v === "string" ? v.toLowerCase() : "";
  if (s === "medium") return "moderate";
  if (s === "none" || s === "informational") return "info";
  return (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : "unknown";
}

export function worse(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

export interface Advisory {
  id: string;
  title?: string;
  url?: string;
  severity: Severity;
}

export interface VulnerablePackage {
  name: string;
  version?: string;
  severity: Severity;
  direct?: boolean;
  fixAvailable: boolean;
  fixVersions?: string[];
  advisories: Advisory[];
}

export function severityCounts(packages: VulnerablePackage[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const p of packages) counts[p.severity]++;
  return counts;
}

export function vulnerabilityOutcome(
  counts: Record<Severity, number>,
): Pick<ParsedEvidence, "outcome" | "outcomeReason"> {
  const blocking = counts.critical + counts.high + counts.unknown;
  if (blocking > 0) {
    const parts = [
      `${counts.critical} critical`,
      `${counts.high} high`,
      ...(counts.unknown ? [`${counts.unknown} without a severity rating`] : []),
    ];
    return {
      outcome: "FAIL",
      outcomeReason: `${parts.join(", ")}: critical, high or unrated vulnerabilities fail the audit.`,
    };
  }
  if (counts.moderate + counts.low > 0) {
    return {
      outcome: "WARN",
      outcomeReason: `${counts.moderate} moderate and ${counts.low} low vulnerabilities, none critical or high.`,
    };
  }
  return { outcome: "PASS", outcomeReason: "No vulnerabilities above informational." };
}

export function auditEvidence(opts: {
  format: FormatId;
  tool: string;
  packages: VulnerablePackage[];
  dependencies?: number;
  extra?: Record<string, unknown>;
}): ParsedEvidence {
  const packages = [...opts.packages].sort(
    (a, b) => RANK[b.severity] - RANK[a.severity] || a.name.localeCompare(b.name),
  );
  const counts = severityCounts(packages);
  const fixable = packages.filter((p) => p.fixAvailable).length;
  return {
    kind: "DEPENDENCY_AUDIT",
    format: opts.format,
    title: `${opts.tool}: ${packages.length} vulnerable package(s)${counts.critical + counts.high ? ` (${counts.critical} critical, ${counts.high} high)` : ""}`,
    ...vulnerabilityOutcome(counts),
    subject: opts.tool,
    summary: {
      tool: opts.tool,
      dependencies: opts.dependencies ?? null,
      vulnerablePackages: packages.length,
      severities: counts,
      fixable,
      packages: packages.slice(0, CAPS.listItems).map((p) => ({ ...p, advisories: p.advisories.slice(0, 10) })),
      packagesOmitted: Math.max(0, packages.length - CAPS.listItems),
      ...opts.extra,
    },
  };
}
