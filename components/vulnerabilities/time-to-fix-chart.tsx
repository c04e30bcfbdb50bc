"use client";
import dynamic from "next/dynamic";
import { ChartFrame } from "@/components/ui/chart-frame";
import type { TimeToFixDatum } from "@/components/vulnerabilities/time-to-fix-bars";
import { DataTable } from "@/components/ui/data-table";

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
    <ChartFrame
      testId="time-to-fix"
      label={`Time to fix per severity over the last ${windowDays} days: ${summary}`}
      large
      chart={<TimeToFixBars data={data} />}
    >
      <DataTable
        testId="time-to-fix-table"
        columns={["Severity", "Fixed", "Median days", "Mean days", "Within deadline", "Deadline"]}
      >
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
      </DataTable>
    </ChartFrame>
  );
}
