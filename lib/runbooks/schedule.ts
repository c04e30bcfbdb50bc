// When a runbook's next exercise is due. The cadence counts from the last exercise, or from when the
// runbook was written down in Proofline if it has never been exercised (the readiness rules agree).
import { DAY_MS, nextDueAt } from "@/lib/core/time";

export const DUE_SOON_DAYS = 14;

export type ExerciseState = "unscheduled" | "ok" | "due-soon" | "overdue";

export interface Schedule {
  state: ExerciseState;
  dueAt: Date | null;
  lastPerformedAt: Date | null;
  /** Whole days until due (negative once overdue). */
  daysLeft: number | null;
}

export function exerciseSchedule(
  r: { cadenceDays: number | null; createdAt: Date; lastPerformedAt: Date | null },
  now: Date,
): Schedule {
  const dueAt = nextDueAt(r.cadenceDays, r.lastPerformedAt, r.createdAt);
  if (!dueAt) return { state: "unscheduled", dueAt: null, lastPerformedAt: r.lastPerformedAt, daysLeft: null };
  const left = dueAt.getTime() - now.getTime();
  // Whole days either way: 10.6 days overdue is "10 days overdue", not 11.
  const daysLeft = left >= 0 ? Math.floor(left / DAY_MS) : -Math.floor(-left / DAY_MS);
  const state: ExerciseState = left <= 0 ? "overdue" : left <= DUE_SOON_DAYS * DAY_MS ? "due-soon" : "ok";
  return { state, dueAt, lastPerformedAt: r.lastPerformedAt, daysLeft };
}

export const CADENCE_CHOICES: Array<{ days: number; label: string }> = [
  { days: 7, label: "Weekly" },
  { days: 30, label: "Monthly" },
  { days: 90, label: "Quarterly" },
  { days: 182, label: "Twice a year" },
  { days: 365, label: "Yearly" },
];

export function cadenceLabel(days: number | null): string {
  if (!days) return "No schedule";
  return CADENCE_CHOICES.find((c) => c.days === days)?.label ?? `Every ${days} days`;
}

/** 5400 -> "1 h 30 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${seconds} s`;
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return [d ? `${d} d` : "", h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ") || "0 min";
}
