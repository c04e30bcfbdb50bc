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

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

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
    case "no-proof":
      return "nothing is expected to prove it (no evidence kind and no scheduled runbook)";
  }
}

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
    case "no-proof":
      return r.type;
  }
}
