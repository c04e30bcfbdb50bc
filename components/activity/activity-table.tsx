"use client";
import { formatDateTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { useActivity, type ActivityFilters } from "@/components/activity/use-activity";
import { FilterActions } from "@/components/ui/filter-actions";
import { useFilterForm, wholeDays } from "@/components/ui/use-filter-form";
import { Pager, QueryState } from "@/components/ui/query-state";

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
  const { draft, set } = form;
  const activity = useActivity(form.filters);
  const rows = activity.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack">
      <form
        className="filters"
        onSubmit={form.apply}
        data-testid="activity-filters"
        aria-label="Filter the activity trail"
      >
        <div className="field">
          <label htmlFor="f-actor">Actor</label>
          <input
            id="f-actor"
            type="search"
            placeholder="email or token"
            value={draft.actor ?? ""}
            onChange={set("actor")}
          />
        </div>
        <div className="field">
          <label htmlFor="f-entity">Entity</label>
          <select id="f-entity" value={draft.entityType ?? ""} onChange={set("entityType")}>
            <option value="">Any</option>
            {entityTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-action">Action</label>
          <select id="f-action" value={draft.action ?? ""} onChange={set("action")}>
            <option value="">Any</option>
            {actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">From</label>
          <input id="f-from" type="date" value={draft.from ?? ""} onChange={set("from")} />
        </div>
        <div className="field">
          <label htmlFor="f-to">To</label>
          <input id="f-to" type="date" value={draft.to ?? ""} onChange={set("to")} />
        </div>
        <FilterActions onClear={form.clear} />
      </form>
      <QueryState
        query={activity}
        count={rows.length}
        loading="Loading the trail…"
        empty={
          <div className="empty" data-testid="activity-empty">
            <h2>No activity matches</h2>
            <p>Nothing was recorded for these filters. Widen the dates or clear the filters.</p>
          </div>
        }
      >
        <div className="table-wrap">
          <table data-testid="activity-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Entity</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
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
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      <Pager query={activity} count={rows.length} more="Load older entries" end="Start of the trail reached." />
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
