"use client";
import { formatDateTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { useActivity, type ActivityFilters } from "@/components/activity/use-activity";
import { FiltersForm } from "@/components/ui/filter-actions";
import { EmptyState } from "@/components/ui/empty-state";
import { InputField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { useFilterForm, wholeDays } from "@/components/ui/use-filter-form";
import { QueryTable } from "@/components/ui/query-table";

const EMPTY: ActivityFilters = {
  actor: undefined,
  entityType: undefined,
  action: undefined,
  from: undefined,
  to: undefined,
};

export function ActivityTable({ entityTypes, actions }: { entityTypes: string[]; actions: string[] }) {
  // Dates from the pickers cover whole UTC days.
  const form = useFilterForm(EMPTY, { toFilters: wholeDays });
  const activity = useActivity(form.filters);

  return (
    <div className="stack">
      <FiltersForm form={form} label="Filter the activity trail" testId="activity-filters">
        <InputField label="Actor" type="search" placeholder="email or token" {...form.bind("actor")} />
        <SelectField label="Entity" blank="Any" options={entityTypes} {...form.bind("entityType")} />
        <SelectField label="Action" blank="Any" options={actions} {...form.bind("action")} />
        <InputField label="From" type="date" {...form.bind("from")} />
        <InputField label="To" type="date" {...form.bind("to")} />
      </FiltersForm>
      <QueryTable
        query={activity}
        loading="Loading the trail…"
        empty={
          <EmptyState title="No activity matches" testId="activity-empty">
            <p>Nothing was recorded for these filters. Widen the dates or clear the filters.</p>
          </EmptyState>
        }
        testId="activity-table"
        columns={["When", "Who", "Action", "Entity", "Change"]}
        pager={{ more: "Load older entries", end: "Start of the trail reached." }}
      >
        {(r) => (
          <tr key={r.id} data-testid="activity-row">
            <td className="small" title={`#${r.id} · hash ${r.hash.slice(0, 16)}…`}>
              {formatDateTime(r.occurredAt)}
            </td>
            <td className="small">
              {r.actorLabel}
              {r.actorType !== "user" ? (
                <>
                  {" "}
                  <Badge>{r.actorType}</Badge>
                </>
              ) : null}
            </td>
            <td>
              <code>{r.action}</code>
            </td>
            <td className="small">
              {r.entityType} <span className="muted mono">{r.entityId.slice(0, 10)}</span>
            </td>
            <td className="small">
              <Summary value={r.summary} />
            </td>
          </tr>
        )}
      </QueryTable>
    </div>
  );
}

function Summary({ value }: { value: unknown }) {
  if (!value || (typeof value === "object" && Object.keys(value as object).length === 0))
    return <span className="muted">—</span>;
  const v = value as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  if (v.after && typeof v.after === "object") {
    const entries = Object.entries(v.after).slice(0, 4);
    return (
      <span>
        {entries.map(([k, after]) => (
          <span key={k} style={{ display: "block" }}>
            <strong>{k}</strong>: {v.before && k in v.before ? `${short(v.before[k])} → ` : ""}
            {short(after)}
          </span>
        ))}
      </span>
    );
  }
  return (
    <details>
      <summary>details</summary>
      <pre className="summary-json">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

function short(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
