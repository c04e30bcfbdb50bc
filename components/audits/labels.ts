import type { Tone } from "@/components/ui/badge";

export const AUDIT_STATUS: Record<string, { label: string; tone: Tone }> = {
  PLANNING: { label: "Planning", tone: "muted" },
  FIELDWORK: { label: "Fieldwork", tone: "info" },
  REPORTING: { label: "Reporting", tone: "accent" },
  CLOSED: { label: "Closed", tone: "muted" },
};

export const REQUEST_STATUS: Record<string, { label: string; tone: Tone }> = {
  OPEN: { label: "Open", tone: "warn" },
  ANSWERED: { label: "Answered", tone: "info" },
  ACCEPTED: { label: "Accepted", tone: "ok" },
  RETURNED: { label: "Returned", tone: "bad" },
};

export const POPULATION_KIND_LABELS: Record<string, string> = {
  "merged-prs": "Merged pull requests",
  "main-ci-runs": "CI runs on the main branch",
  "restore-drills": "Restore drills",
  "audit-events": "Audit-log events",
};

/** "1 Jan 2026 to 30 Jun 2026" for a period, "as of 30 Jun 2026" for a moment. */
export function windowLabel(start: string | Date, end: string | Date, format: (d: string | Date) => string): string {
  return new Date(start).getTime() === new Date(end).getTime()
    ? `as of ${format(end)}`
    : `${format(start)} to ${format(end)}`;
}
