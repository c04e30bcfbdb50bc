"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatDate, formatDateTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { KIND_LABELS, OUTCOMES } from "@/components/evidence/labels";
import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import { useEvidenceList, type EvidenceFilters, type EvidenceRow } from "@/components/evidence/use-evidence";
import { FilterActions } from "@/components/ui/filter-actions";
import { useFilterForm, wholeDays } from "@/components/ui/use-filter-form";
import { Pager, QueryState } from "@/components/ui/query-state";

const EMPTY: EvidenceFilters = {
  kind: undefined,
  outcome: undefined,
  control: undefined,
  repo: undefined,
  from: undefined,
  to: undefined,
};

interface Props {
  slug: string;
  controls: Array<{ key: string; title: string }>;
  now: string;
  /** Shown when the project has no evidence at all: how to get some. */
  emptyHelp: ReactNode;
}

/** A project's evidence, newest first, with filters and "load more" by cursor. */
export function EvidenceTable({ slug, controls, now, emptyHelp }: Props) {
  const form = useFilterForm(EMPTY, { toFilters: wholeDays });
  const { draft, set } = form;
  const list = useEvidenceList(slug, form.filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack">
      <form className="filters" onSubmit={form.apply} aria-label="Filter evidence" data-testid="evidence-filters">
        <div className="field">
          <label htmlFor="e-kind">Kind</label>
          <select id="e-kind" value={draft.kind ?? ""} onChange={set("kind")}>
            <option value="">Any</option>
            {Object.entries(KIND_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="e-outcome">Outcome</label>
          <select id="e-outcome" value={draft.outcome ?? ""} onChange={set("outcome")}>
            <option value="">Any</option>
            {Object.entries(OUTCOMES).map(([k, o]) => (
              <option key={k} value={k}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="e-control">Control</label>
          <select id="e-control" value={draft.control ?? ""} onChange={set("control")}>
            <option value="">Any</option>
            {controls.map((c) => (
              <option key={c.key} value={c.key}>
                {c.key} · {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="e-repo">Repository</label>
          <input id="e-repo" type="search" placeholder="owner/name" value={draft.repo ?? ""} onChange={set("repo")} />
        </div>
        <div className="field">
          <label htmlFor="e-from">Effective from</label>
          <input id="e-from" type="date" value={draft.from ?? ""} onChange={set("from")} />
        </div>
        <div className="field">
          <label htmlFor="e-to">Effective to</label>
          <input id="e-to" type="date" value={draft.to ?? ""} onChange={set("to")} />
        </div>
        <FilterActions onClear={form.clear} />
      </form>
      <QueryState
        query={list}
        count={rows.length}
        loading="Loading evidence…"
        empty={
          form.isFiltered ? (
            <div className="empty" data-testid="evidence-none-match">
              <h2>No evidence matches</h2>
              <p>Nothing in this project matches these filters. Widen the dates or clear the filters.</p>
            </div>
          ) : (
            <section className="empty" data-testid="evidence-empty">
              <h2>No evidence yet</h2>
              {emptyHelp}
            </section>
          )
        }
      >
        <div className="table-wrap">
          <table data-testid="evidence-table">
            <thead>
              <tr>
                <th>Effective</th>
                <th>Evidence</th>
                <th>Outcome</th>
                <th>Source</th>
                <th>Controls</th>
                <th>Fresh until</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Row key={r.id} row={r} slug={slug} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      <Pager query={list} count={rows.length} more="Load older evidence" end="All matching evidence is shown." />
    </div>
  );
}

function Row({ row: r, slug, now }: { row: EvidenceRow; slug: string; now: string }) {
  const expired = r.expiresAt !== null && r.expiresAt < now;
  return (
    <tr data-testid="evidence-row">
      <td className="small">{formatDateTime(r.effectiveAt)}</td>
      <td>
        <Link href={`/projects/${slug}/evidence/${r.id}`}>{r.title}</Link>
        <div className="small muted">
          {KIND_LABELS[r.kind] ?? r.kind} · <span className="mono">{r.format}</span>
        </div>
      </td>
      <td>
        <OutcomeBadge outcome={r.outcome} />
      </td>
      <td className="small">
        {r.sourceRepo || r.sourceBranch ? (
          <>
            {r.sourceRepo}
            {r.sourceBranch ? (
              <span className="muted">
                {" "}
                {r.sourceRepo ? "@ " : "branch "}
                {r.sourceBranch}
              </span>
            ) : null}
          </>
        ) : r.sourceUrl ? (
          "link"
        ) : r.sourceWorkflow ? null : (
          "—"
        )}
        {r.sourceWorkflow ? <div className="muted">{r.sourceWorkflow}</div> : null}
      </td>
      <td className="small">{r.controls.length ? r.controls.join(", ") : <span className="muted">not filed</span>}</td>
      <td className="small">
        {r.expiresAt ? (
          expired ? (
            <Badge tone="warn">Expired {formatDate(r.expiresAt)}</Badge>
          ) : (
            formatDate(r.expiresAt)
          )
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
