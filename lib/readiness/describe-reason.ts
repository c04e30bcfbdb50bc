// Reasons as sentences. Pure: shared by pages, the CSV export and the CI gate, so everyone reads the same words.
import { formatDate, formatRelative } from "@/lib/format";
import { kindLabel } from "@/lib/readiness/evaluate-control";
import type { ControlState, Reason, RequirementStatus } from "@/lib/readiness/types";

export const STATE_LABELS: Record<ControlState, string> = {
  passing: "Passing",
  failing: "Failing",
  stale: "Stale",
  not_applicable: "Not applicable",
};

export const STATUS_LABELS: Record<RequirementStatus, string> = {
  met: "Met",
  unmet: "Not met",
  not_applicable: "Not applicable",
  group: "Group",
};

/**
 * A duration written out exactly, in hours, minutes and seconds ("1 h 30 min", "1 h 1 s"), so that
 * two different durations never read the same (3,601 s against a 3,600 s target: "1 h 1 s", "1 h").
 */
export function duration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  const h = Math.floor(whole / 3600);
  const min = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h) parts.push(`${h.toLocaleString("en-GB")} h`);
  if (min) parts.push(`${min} min`);
  if (s || !parts.length) parts.push(`${s} s`);
  return parts.join(" ");
}

export const NO_PROOF_SENTENCE =
  "nothing is expected to prove it (no evidence kind, and no linked runbook that is scheduled or has been exercised)";

/** "release-check failed on main 2 days ago": what happened, relative to the moment asked about. */
export function describeReason(r: Reason, at: Date): string {
  switch (r.type) {
    case "evidence-failed":
      return `${r.title} failed${r.branch ? ` on ${r.branch}` : ""} ${formatRelative(r.effectiveAt, at)}`;
    case "evidence-expired":
      return `${r.title} (${kindLabel(r.kind)}) expired on ${formatDate(r.expiredAt)}`;
    case "evidence-missing":
      return `no ${kindLabel(r.kind)} evidence yet`;
    case "blocker-open":
      return `blocker ${r.key ? `${r.key} ` : ""}"${r.title}" open since ${formatDate(r.openedAt)}`;
    case "exercise-failed":
      return `${r.title} ${r.outcome === "PARTIAL" ? "only partly succeeded" : "failed"} on ${formatDate(r.performedAt)}`;
    case "exercise-missed-target":
      return `${r.title} on ${formatDate(r.performedAt)} took ${r.measure} ${duration(r.measuredSeconds)}, over the ${duration(r.targetSeconds)} target`;
    case "exercise-overdue":
      return `${r.title} overdue since ${formatDate(r.dueAt)}`;
    case "alert-overdue":
      return `${ALERT_SOURCE_LABELS[r.source] ?? r.source} alert #${r.number} in ${r.repo} (${r.alertSeverity}, "${r.title}") open since ${formatDate(r.openedAt)}, past its ${r.deadlineDays}-day deadline of ${formatDate(r.dueAt)}`;
    case "no-proof":
      return NO_PROOF_SENTENCE;
  }
}

export const ALERT_SOURCE_LABELS: Record<string, string> = {
  dependabot: "Dependabot",
  code_scanning: "Code scanning",
  secret_scanning: "Secret scanning",
};

/** A stable identity for "the same cause" across controls: one failed run, one blocker, one runbook. */
export function reasonCauseKey(r: Reason): string {
  switch (r.type) {
    case "evidence-failed":
    case "evidence-expired":
      return `${r.type}:${r.evidenceId}`;
    case "evidence-missing":
      return `${r.type}:${r.kind}`;
    case "blocker-open":
      return `${r.type}:${r.itemId}`;
    case "exercise-failed":
    case "exercise-overdue":
      return `${r.type}:${r.runbookId}`;
    case "exercise-missed-target":
      return `${r.type}:${r.runbookId}:${r.measure}`;
    case "alert-overdue":
      return `${r.type}:${r.alertId}`;
    case "no-proof":
      return r.type;
  }
}
