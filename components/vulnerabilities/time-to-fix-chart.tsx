"use client";
import dynamic from "next/dynamic";
import styles from "@/components/readiness/readiness.module.css";
import type { TimeToFixDatum } from "@/components/vulnerabilities/time-to-fix-bars";

const TimeToFixBars = dynamic(
  () => import("@/components/vulnerabilities/time-to-fix-bars").then((m) => m.TimeToFixBars),
  { ssr: false, loading: () => null },
);

export interface TimeToFixRow {
  severity: string;
  fixed: number;
  medianDays: number | null;
  meanDays: number | null;
  withinDeadline: number;
  deadlineDays: number;
}

function describe(rows: TimeToFixRow[], windowDays: number): string {
  const fixed = rows.filter((r) => r.fixed > 0);
  if (!fixed.length) return `No alert was fixed in the last ${windowDays} days.`;
  return (
    fixed
      .map(
        (r) =>
          `${r.severity}: ${r.fixed} fixed, median ${r.medianDays} days against a ${r.deadlineDays}-day deadline, ${r.withinDeadline} within it`,
      )
      .join("; ") + "."
  );
}

/** Median days to fix per severity (bars) beside each deadline, with the same figures as a table. */
export function TimeToFixChart({ rows, windowDays }: { rows: TimeToFixRow[]; windowDays: number }) {
  const summary = describe(rows, windowDays);
  if (!rows.some((r) => r.fixed > 0)) {
    return (
      <p className="muted" data-testid="time-to-fix-empty">
        {summary} Fixed alerts appear here with how long they took.
      </p>
    );
  }
  const data: TimeToFixDatum[] = rows.map((r) => ({
    severity: r.severity,
    medianDays: r.medianDays,
    deadlineDays: r.deadlineDays,
  }));
  return (
    <div data-testid="time-to-fix">
      <div
        className={styles.chartLarge}
        role="img"
        aria-label={`Time to fix per severity over the last ${windowDays} days: ${summary}`}
      >
        <TimeToFixBars data={data} />
      </div>
      <details className={styles.tableToggle}>
        <summary>Show as a table</summary>
        <div className="table-wrap">
          <table data-testid="time-to-fix-table">
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Fixed</th>
                <th scope="col">Median days</th>
                <th scope="col">Mean days</th>
                <th scope="col">Within deadline</th>
                <th scope="col">Deadline</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.severity}>
                  <td>{r.severity}</td>
                  <td>{r.fixed}</td>
                  <td>{r.medianDays ?? "–"}</td>
                  <td>{r.meanDays ?? "–"}</td>
                  <td>{r.withinDeadline}</td>
                  <td>{r.deadlineDays} days</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
