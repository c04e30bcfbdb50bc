import { isObject, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import type { DrillFacts, ParsedEvidence } from "@/lib/ingest/types";
import { ZDrillReport } from "@/lib/schemas/evidence-drill";

// Restore drills in Proofline's own JSON shape (lib/schemas/evidence-drill.ts, docs/evidence.md).
// Outcome: a drill that reports failure, or whose measured RTO or RPO is over its target, fails; a
// partial drill warns; otherwise it passes. The runbook's own targets, when it has them, win over
// the targets in the report (the ingest operation re-judges with them).

export function looksLikeDrill(doc: JsonValue): boolean {
  return isObject(doc) && doc.type === "restore-drill";
}

export function drillOutcome(
  d: Pick<DrillFacts, "reportedOutcome" | "rtoSeconds" | "rpoSeconds" | "targets">,
): Pick<ParsedEvidence, "outcome" | "outcomeReason"> {
  const { rtoSeconds: rtoTarget, rpoSeconds: rpoTarget } = d.targets;
  if (d.reportedOutcome === "fail") return { outcome: "FAIL", outcomeReason: "The drill reported failure." };
  const over: string[] = [];
  if (rtoTarget != null && d.rtoSeconds != null && d.rtoSeconds > rtoTarget)
    over.push(`RTO ${d.rtoSeconds}s is over the ${rtoTarget}s target`);
  if (rpoTarget != null && d.rpoSeconds != null && d.rpoSeconds > rpoTarget)
    over.push(`RPO ${d.rpoSeconds}s is over the ${rpoTarget}s target`);
  if (over.length) return { outcome: "FAIL", outcomeReason: `${over.join("; ")}.` };
  if (d.reportedOutcome === "partial")
    return { outcome: "WARN", outcomeReason: "The drill reported a partial restore." };
  const within = [
    rtoTarget != null && d.rtoSeconds != null ? "RTO" : null,
    rpoTarget != null && d.rpoSeconds != null ? "RPO" : null,
  ].filter(Boolean);
  return {
    outcome: "PASS",
    outcomeReason: `The drill passed${within.length ? ` within its ${within.join(" and ")} target${within.length > 1 ? "s" : ""}` : ""}.`,
  };
}

export function parseDrill(doc: JsonValue): ParsedEvidence {
  const parsed = ZDrillReport.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`).join("; ");
    refuse("invalid-content", `This is not a valid restore-drill report: ${issues}.`);
  }
  const d = parsed.data;
  const drill: DrillFacts = {
    name: d.name,
    runbookKey: d.runbook ?? d.name,
    startedAt: new Date(d.startedAt),
    finishedAt: new Date(d.finishedAt),
    reportedOutcome: d.outcome,
    rtoSeconds: d.rtoSeconds ?? null,
    rpoSeconds: d.rpoSeconds ?? null,
    targets: { rtoSeconds: d.targets?.rtoSeconds ?? null, rpoSeconds: d.targets?.rpoSeconds ?? null },
    log: d.log ?? null,
  };
  return {
    kind: "RESTORE_DRILL",
    format: "drill",
    title: `Restore drill ${d.name}: ${d.outcome}`,
    ...drillOutcome(drill),
    subject: d.name,
    effectiveAt: drill.finishedAt,
    periodStart: drill.startedAt,
    periodEnd: drill.finishedAt,
    drill,
    summary: drillSummary(drill),
  };
}

export function drillSummary(d: DrillFacts): Record<string, unknown> {
  return {
    name: d.name,
    runbook: d.runbookKey,
    startedAt: d.startedAt.toISOString(),
    finishedAt: d.finishedAt.toISOString(),
    durationSeconds: Math.round((d.finishedAt.getTime() - d.startedAt.getTime()) / 1000),
    reportedOutcome: d.reportedOutcome,
    rtoSeconds: d.rtoSeconds,
    rpoSeconds: d.rpoSeconds,
    targets: d.targets,
    log: d.log,
  };
}
