import Link from "next/link";
import { formatDate } from "@/lib/format";
import { cadenceLabel, formatDuration, type Schedule } from "@/lib/runbooks/schedule";
import { Badge } from "@/components/ui/badge";
import { ScheduleBadge } from "@/components/runbooks/schedule-badge";
import { DataTable } from "@/components/ui/data-table";

export interface RunbookRow {
  id: string;
  title: string;
  cadenceDays: number | null;
  rtoTargetSeconds: number | null;
  rpoTargetSeconds: number | null;
  removedFromSourceAt: Date | null;
  owner: { name: string } | null;
  document: { title: string } | null;
  lastExercise: { performedAt: Date; outcome: string } | null;
  schedule: Schedule;
}

/** A project's runbooks, overdue exercises first. */
export function RunbooksTable({ project, rows }: { project: string; rows: RunbookRow[] }) {
  return (
    <DataTable
      testId="runbooks-table"
      columns={["Runbook", "Exercise", "Cadence", "Last exercised", "Targets (RTO / RPO)", "Owner"]}
    >
      {rows.map((r) => (
        <tr key={r.id} data-testid="runbook-row">
          <td>
            <Link href={`/projects/${project}/runbooks/${r.id}`}>{r.title}</Link>
            {r.document ? <div className="muted small">from {r.document.title}</div> : null}
            {r.removedFromSourceAt ? <Badge tone="warn">Gone from its document</Badge> : null}
          </td>
          <td>
            <ScheduleBadge schedule={r.schedule} />
          </td>
          <td className="small">{cadenceLabel(r.cadenceDays)}</td>
          <td className="small">
            {r.lastExercise
              ? `${formatDate(r.lastExercise.performedAt)} (${r.lastExercise.outcome.toLowerCase()})`
              : "Never"}
          </td>
          <td className="small">
            {formatDuration(r.rtoTargetSeconds)} / {formatDuration(r.rpoTargetSeconds)}
          </td>
          <td className="small">{r.owner?.name ?? <span className="muted">Nobody</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
}
