import type { FormatId } from "@/lib/ingest/formats";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { addCounts, emptyCounts, type FindingTally } from "@/lib/ingest/scan-findings";
import {
  auditEvidence,
  severityCounts,
  vulnerabilityOutcome,
  worse,
  type Advisory,
  type Severity,
  type VulnerablePackage,
} from "@/lib/ingest/vulnerabilities";

// Container and dependency scanners (Trivy, Grype, OSV-Scanner) report one row per vulnerability per
// package. They become the dependency-audit shape: packages by their worst severity (the counts the
// outcome rule reads), plus the vulnerabilities themselves counted by severity. A scanner's secret and
// misconfiguration findings (Trivy) count towards the outcome with the same rule.

export class PackageCollector {
  private readonly byKey = new Map<string, VulnerablePackage>();
  private readonly seen = new Set<string>();
  readonly vulnerabilities = emptyCounts();

  add(pkg: { name: string; version?: string; fixVersions?: string[] }, advisory: Advisory): void {
    const key = `${pkg.name}\u0000${pkg.version ?? ""}`;
    const p = this.byKey.get(key) ?? {
      name: pkg.name,
      version: pkg.version,
      severity: advisory.severity,
      fixAvailable: false,
      fixVersions: [],
      advisories: [],
    };
    p.severity = worse(p.severity, advisory.severity);
    for (const v of pkg.fixVersions ?? []) if (v && !p.fixVersions!.includes(v)) p.fixVersions!.push(v);
    p.fixAvailable = p.fixVersions!.length > 0;
    // The same vulnerability reported twice for one package (two paths, two targets) counts once.
    const seenKey = `${key}\u0000${advisory.id}`;
    if (!this.seen.has(seenKey)) {
      this.seen.add(seenKey);
      this.vulnerabilities[advisory.severity]++;
      if (p.advisories.length < 50) p.advisories.push(advisory);
    }
    this.byKey.set(key, p);
  }

  packages(): VulnerablePackage[] {
    return [...this.byKey.values()];
  }
}

export function scanEvidence(opts: {
  format: FormatId;
  tool: string;
  collector: PackageCollector;
  other?: FindingTally;
  dependencies?: number;
  effectiveAt?: Date;
  extra?: Record<string, unknown>;
}): ParsedEvidence {
  const packages = opts.collector.packages();
  const other = opts.other && opts.other.total > 0 ? opts.other : undefined;
  const base = auditEvidence({
    format: opts.format,
    tool: opts.tool,
    packages,
    dependencies: opts.dependencies,
    extra: {
      vulnerabilities: opts.collector.vulnerabilities,
      ...(other ? { otherFindings: other.summary() } : {}),
      ...opts.extra,
    },
  });
  const evidence: ParsedEvidence = { ...base, effectiveAt: opts.effectiveAt };
  if (!other) return evidence;
  const counts: Record<Severity, number> = addCounts(severityCounts(packages), other.severities);
  const rule = vulnerabilityOutcome(counts);
  return {
    ...evidence,
    ...rule,
    outcomeReason: `${rule.outcomeReason} (vulnerable packages and ${other.total} other finding(s), e.g. secrets or misconfigurations, counted together)`,
  };
}
