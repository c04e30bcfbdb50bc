import { Prisma } from "@/generated/prisma/client";
import type { AlertSeverity } from "@/lib/ingest/github-alerts";

// Remediation deadlines: days from an alert's opening by which it must be fixed or dismissed. A
// project without a RemediationPolicy row has the defaults. Pure, plus the one SQL expression that
// readiness and the dashboard share, so both read the same deadline.

export const DEFAULT_DEADLINE_DAYS: Record<AlertSeverity, number> = { critical: 15, high: 30, medium: 90, low: 180 };

export interface DeadlineDays {
  criticalDays: number;
  highDays: number;
  mediumDays: number;
  lowDays: number;
}

export const DEFAULT_POLICY: DeadlineDays = { criticalDays: 15, highDays: 30, mediumDays: 90, lowDays: 180 };

export function deadlineDaysFor(policy: DeadlineDays | null, severity: string): number {
  const p = policy ?? DEFAULT_POLICY;
  switch (severity) {
    case "critical":
      return p.criticalDays;
    case "medium":
      return p.mediumDays;
    case "low":
      return p.lowDays;
    default:
      return p.highDays;
  }
}

/** Days allowed for alert `a` under policy `rp` (a LEFT JOINed "RemediationPolicy"), as SQL. */
export function deadlineDaysSql(a: string, rp: string): Prisma.Sql {
  const col = (c: string, d: number) => Prisma.raw(`COALESCE(${rp}."${c}", ${d})`);
  return Prisma.sql`CASE ${Prisma.raw(`${a}.severity`)}
    WHEN 'critical' THEN ${col("criticalDays", DEFAULT_POLICY.criticalDays)}
    WHEN 'medium' THEN ${col("mediumDays", DEFAULT_POLICY.mediumDays)}
    WHEN 'low' THEN ${col("lowDays", DEFAULT_POLICY.lowDays)}
    ELSE ${col("highDays", DEFAULT_POLICY.highDays)} END`;
}
