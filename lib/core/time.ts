// Time arithmetic every area shares: one day in milliseconds, and one rule for when recurring work falls due.

export const DAY_MS = 86_400_000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/**
 * When work done every `cadenceDays` (a runbook's exercise) is next due: that long after it was last done,
 * or after it was set up when it has never been done. Null when it has no cadence.
 */
export function nextDueAt(cadenceDays: number | null, lastDoneAt: Date | null, setUpAt: Date): Date | null {
  if (!cadenceDays) return null;
  return addDays(lastDoneAt ?? setUpAt, cadenceDays);
}
