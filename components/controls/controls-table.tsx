"use client";
import Link from "next/link";
import { useState } from "react";
import { FREQUENCY_LABELS } from "@/lib/schemas/control-values";
import type { ControlFacets } from "@/lib/controls/control-facets";
import { Badge } from "@/components/ui/badge";
import { useControls, type ControlFilters } from "@/components/controls/use-controls";
import styles from "@/components/catalogue/catalogue.module.css";
import { FiltersForm } from "@/components/ui/filter-actions";
import type { ColumnSpec } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { InputField } from "@/components/ui/field";
import { recordOptions, SelectField } from "@/components/ui/select-field";
import { useFilterForm } from "@/components/ui/use-filter-form";
import { QueryTable } from "@/components/ui/query-table";

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
/** The applicability filter's choices (with "Any" or "All" before them). */
export const APPLICABILITY = [
  { value: "applicable", label: "Applicable" },
  { value: "not-applicable", label: "Not applicable" },
];
const ARCHIVED = [
  { value: "include", label: "Include archived" },
  { value: "only", label: "Only archived" },
];

/** A control family as a choice: "AC · Access control". */
export function familyOption(f: { prefix: string; name: string }) {
  return { value: f.prefix, label: `${f.prefix} · ${f.name}` };
}

/** The control library: search, filters, sortable columns, and "load more" by cursor. */
export function ControlsTable({ facets }: { facets: ControlFacets }) {
  const form = useFilterForm(EMPTY, {
    toFilters: (d) => ({ ...d, applicability: d.project ? d.applicability : undefined }),
  });
  const { draft, filters } = form;
  const [sort, setSort] = useState<{ sort: Sort; dir: "asc" | "desc" }>({ sort: "key", dir: "asc" });
  const controls = useControls({ ...filters, sort: sort.sort, dir: sort.dir });
  const project = controls.data?.pages[0]?.project;
  const frameworkName = new Map(facets.frameworks.map((f) => [f.key, f.name]));

  function toggleSort(column: Sort) {
    setSort((s) => ({ sort: column, dir: s.sort === column && s.dir === "asc" ? "desc" : "asc" }));
  }

  return (
    <div className="stack">
      <FiltersForm form={form} label="Filter controls" testId="control-filters">
        <InputField label="Search" type="search" placeholder="Key, title or description" {...form.bind("q")} />
        <SelectField
          label="Framework"
          blank="Any"
          options={facets.frameworks.map((f) => ({ value: f.key, label: f.name }))}
          {...form.bind("framework")}
        />
        <SelectField label="Family" blank="Any" options={facets.families.map(familyOption)} {...form.bind("family")} />
        <SelectField
          label="Owner"
          blank="Anyone"
          options={[
            { value: "none", label: "No owner" },
            ...facets.owners.map((o) => ({ value: o.id, label: o.name })),
          ]}
          {...form.bind("owner")}
        />
        <SelectField
          label="Frequency"
          blank="Any"
          options={recordOptions(FREQUENCY_LABELS)}
          {...form.bind("frequency")}
        />
        <SelectField
          label="In project"
          blank="All controls"
          options={facets.projects.map((p) => ({ value: p.slug, label: p.name }))}
          {...form.bind("project")}
        />
        <SelectField
          label="Applicability"
          blank="Any"
          options={APPLICABILITY}
          disabled={!draft.project}
          {...form.bind("applicability")}
        />
        <SelectField label="Archived" blank="Hide archived" options={ARCHIVED} {...form.bind("archived")} />
      </FiltersForm>
      <QueryTable
        query={controls}
        loading="Loading controls…"
        empty={
          <EmptyState title="No controls match" testId="controls-empty">
            <p>
              {filters.project && project?.frameworks.length === 0
                ? "This project is not assessed against any framework yet, so no control applies to it. Choose its frameworks on the project's Controls tab."
                : "Nothing in the library matches these filters. Clear them, or widen the search."}
            </p>
          </EmptyState>
        }
        testId="controls-table"
        columns={[
          ...COLUMNS.map((c): ColumnSpec => ({
            label: (
              <button type="button" className={styles.sortButton} onClick={() => toggleSort(c.sort)}>
                {c.label} {sort.sort === c.sort ? (sort.dir === "asc" ? "▲" : "▼") : ""}
                <span className="sr-only">, sort</span>
              </button>
            ),
            ariaSort: sort.sort === c.sort ? (sort.dir === "asc" ? "ascending" : "descending") : undefined,
          })),
          "Mapped requirements",
          filters.project ? `In ${project?.name}` : null,
        ]}
        pager={{ more: "Load more", end: "All matching controls shown." }}
      >
        {(r) => (
          <tr key={r.key} data-testid={`control-row-${r.key}`}>
            <td className="mono small" style={{ whiteSpace: "nowrap" }}>
              <Link href={`/controls/${r.key}`}>{r.key}</Link>
            </td>
            <td>
              {r.title} {r.archivedAt ? <Badge>Archived</Badge> : null}
            </td>
            <td className="small">{FREQUENCY_LABELS[r.frequency as keyof typeof FREQUENCY_LABELS] ?? r.frequency}</td>
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
        )}
      </QueryTable>
    </div>
  );
}
