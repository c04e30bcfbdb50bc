import { InvalidInputError } from "@/lib/errors";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The moment an "as of" value names: a date (YYYY-MM-DD) means the end of that UTC day, or now when
 * the day is today; an ISO 8601 time with a zone means that instant; nothing means now. The future
 * is refused: readiness there is not known yet.
 */
export function resolveAsOf(value: string | undefined | null, now: Date, path = "query.at"): Date {
  if (!value) return now;
  const dateOnly = DATE_ONLY.test(value);
  const at = dateOnly
    ? new Date(`${value}T23:59:59.999Z`)
    : INSTANT.test(value)
      ? new Date(value)
      : new Date(Number.NaN);
  if (Number.isNaN(at.getTime()) || (dateOnly && at.toISOString().slice(0, 10) !== value)) {
    throw new InvalidInputError(
      `"${value}" is not a date: use YYYY-MM-DD, or an ISO 8601 time with a zone such as 2026-03-02T09:41:10Z.`,
      [{ path, message: "not a date" }],
    );
  }
  if (dateOnly && value === now.toISOString().slice(0, 10)) return now;
  if (at.getTime() > now.getTime()) {
    throw new InvalidInputError(`Readiness as of ${value} is not known yet: choose today or an earlier date.`, [
      { path, message: "in the future" },
    ]);
  }
  return at;
}
