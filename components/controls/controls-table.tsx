"use client";
import Link from "next/link";
import { useState } from "react";
import { FREQUENCIES, FREQUENCY_LABELS } from "@/lib/schemas/control-values";
import type { ControlFacets } from "@/lib/controls/control-facets";
import { Badge } from "@/components/ui/badge";
import { useControls, type ControlFilters } from "@/components/controls/use-controls";
import styles from "@/components/catalogue/catalogue.module.css";
import { FilterActions } from "@/components/ui/filter-actions";
import { useFilterForm } from "@/components/ui/use-filter-form";
import { Pager, QueryState } from "@/components/ui/query-state";

const EMPTY: ControlFilters = {
  q: undefined,
  framework: undefined,
  family: undefined,
  owner: undefined,
  frequency: undefined,
  project: undefined,
  applicability: undefined,
  archived: undefined,
};
type Sort = "key" | "title" | "frequency" | "owner" | "updated";
const COLUMNS: Array<{ sort: Sort; label: string }> = [
  { sort: "key", label: "Key" },
  { sort: "title", label: "Control" },
  { sort: "frequency", label: "Frequency" },
  { sort: "owner", label: "Owner" },
];

/** The control library: search, filters, sortable columns, and "load more" by cursor. */
export function ControlsTable({ facets }: { facets: ControlFacets }) {
  const form = useFilterForm(EMPTY, {
    toFilters: (d) => ({ ...d, applicability: d.project ? d.applicability : undefined }),
  });
  const { draft, filters, set } = form;
  const [sort, setSort] = useState<{ sort: Sort; dir: "asc" | "desc" }>({ sort: "key", dir: "asc" });
  const controls = useControls({ ...filters, sort: sort.sort, dir: sort.dir });
  const rows = controls.data?.pages.flatMap((p) => p.items) ?? [];
  const frameworkName = new Map(facets.frameworks.map((f) => [f.key, f.name]));

  function toggleSort(column: Sort) {
    setSort((s) => ({ sort: column, dir: s.sort === column && s.dir === "asc" ? "desc" : "asc" }));
  }

  return (
    <div className="stack">
      <form className="filters" onSubmit={form.apply} aria-label="Filter controls" data-testid="control-filters">
        <div className="field">
          <label htmlFor="c-q">Search</label>
          <input
            id="c-q"
            type="search"
            placeholder="Key, title or description"
            value={draft.q ?? ""}
            onChange={set("q")}
          />
        </div>
        <div className="field">
          <label htmlFor="c-framework">Framework</label>
          <select id="c-framework" value={draft.framework ?? ""} onChange={set("framework")}>
            <option value="">Any</option>
            {facets.frameworks.map((f) => (
              <option key={f.key} value={f.key}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="c-family">Family</label>
          <select id="c-family" value={draft.family ?? ""} onChange={set("family")}>
            <option value="">Any</option>
            {facets.families.map((f) => (
              <option key={f.prefix} value={f.prefix}>
                {f.prefix} · {f.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="c-owner">Owner</label>
          <select id="c-owner" value={draft.owner ?? ""} onChange={set("owner")}>
            <option value="">Anyone</option>
            <option value="none">No owner</option>
            {facets.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="c-frequency">Frequency</label>
          <select id="c-frequency" value={draft.frequency ?? ""} onChange={set("frequency")}>
            <option value="">Any</option>
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="c-project">In project</label>
          <select id="c-project" value={draft.project ?? ""} onChange={set("project")}>
            <option value="">All controls</option>
            {facets.projects.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="c-applicability">Applicability</label>
          <select
            id="c-applicability"
            value={draft.applicability ?? ""}
            onChange={set("applicability")}
            disabled={!draft.project}
          >
            <option value="">Any</option>
            <option value="applicable">Applicable</option>
            <option value="not-applicable">Not applicable</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="c-archived">Archived</label>
          <select id="c-archived" value={draft.archived ?? ""} onChange={set("archived")}>
            <option value="">Hide archived</option>
            <option value="include">Include archived</option>
            <option value="only">Only archived</option>
          </select>
        </div>
        <FilterActions onClear={form.clear} />
      </form>
      <QueryState
        query={controls}
        count={rows.length}
        loading="Loading controls…"
        empty={
          <div className="empty" data-testid="controls-empty">
            <h2>No controls match</h2>
            <p>
              {filters.project && controls.data?.pages[0]?.project?.frameworks.length === 0
                ? "This project is not assessed against any framework yet, so no control applies to it. Choose its frameworks on the project's Controls tab."
                : "Nothing in the library matches these filters. Clear them, or widen the search."}
            </p>
          </div>
        }
      >
        <div className="table-wrap">
          <table data-testid="controls-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.sort}
                    scope="col"
                    aria-sort={sort.sort === c.sort ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    <button type="button" className={styles.sortButton} onClick={() => toggleSort(c.sort)}>
                      {c.label} {sort.sort === c.sort ? (sort.dir === "asc" ? "▲" : "▼") : ""}
                      <span className="sr-only">, sort</span>
                    </button>
                  </th>
                ))}
                <th scope="col">Mapped requirements</th>
                {filters.project ? <th scope="col">In {controls.data?.pages[0]?.project?.name}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid={`control-row-${r.key}`}>
                  <td className="mono small" style={{ whiteSpace: "nowrap" }}>
                    <Link href={`/controls/${r.key}`}>{r.key}</Link>
                  </td>
                  <td>
                    {r.title} {r.archivedAt ? <Badge>Archived</Badge> : null}
                  </td>
                  <td className="small">
                    {FREQUENCY_LABELS[r.frequency as keyof typeof FREQUENCY_LABELS] ?? r.frequency}
                  </td>
                  <td className="small">{r.owner?.name ?? <span className="muted">No owner</span>}</td>
                  <td className="small">
                    {Object.entries(r.mappings).map(([fw, refs]) => (
                      <div key={fw}>
                        <strong>{frameworkName.get(fw) ?? fw}</strong>: <span className="mono">{refs.join(", ")}</span>
                      </div>
                    ))}
                  </td>
                  {filters.project ? (
                    <td className="small">
                      {r.applicability?.notApplicable ? (
                        <Badge tone="info">Not applicable</Badge>
                      ) : (
                        <Badge tone="ok">Applicable</Badge>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      <Pager query={controls} count={rows.length} more="Load more" end="All matching controls shown." />
    </div>
  );
}
