"use client";
import dynamic from "next/dynamic";
import type { TrendPointDto } from "@/lib/dto/dashboard";
import { formatDate } from "@/lib/format";
import { percent } from "@/components/readiness/score-text";
import { ChartFrame } from "@/components/ui/chart-frame";
import { DataTable } from "@/components/ui/data-table";

function describe(points: TrendPointDto[]): string {
  const scored = points.filter((p) => p.score !== null);
  if (!scored.length) return "No readiness recorded in this period.";
  const first = scored[0];
  const last = scored[scored.length - 1];
  return `Readiness went from ${percent(first.score)} on ${formatDate(first.day)} to ${percent(last.score)} on ${formatDate(last.day)} (${scored.length} daily figures).`;
}

// The chart library is the largest script on the dashboard: it loads after the page is up (its own
// chunk), while the frame, the summary and the table are there from the first paint.
const TrendLines = dynamic(() => import("@/components/readiness/trend-lines").then((m) => m.TrendLines), {
  ssr: false,
  loading: () => null,
});

/** Readiness over time (0–100%), with the same figures as a table for screen readers and keyboards. */
export function TrendChart({
  points,
  large = false,
  label,
}: {
  points: TrendPointDto[];
  large?: boolean;
  label: string;
}) {
  const data = points.map((p) => ({
    day: p.day,
    value: p.score === null ? null : Math.round(p.score * 1000) / 10,
    met: p.met,
    applicable: p.applicable,
  }));
  const summary = describe(points);
  return (
    <ChartFrame
      testId="trend"
      label={`${label}: ${summary}`}
      large={large}
      dataPoints={data.length}
      chart={<TrendLines data={data} />}
    >
      <p className="small muted">{summary}</p>
      <DataTable testId="trend-table" columns={["Day", "Readiness", "Requirements met"]}>
        {[...points].reverse().map((p) => (
          <tr key={p.day}>
            <td>{formatDate(p.day)}</td>
            <td>{percent(p.score)}</td>
            <td>
              {p.met} of {p.applicable}
            </td>
          </tr>
        ))}
      </DataTable>
    </ChartFrame>
  );
}
