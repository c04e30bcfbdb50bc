"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatDate, formatDateTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { KIND_LABELS, OUTCOMES } from "@/components/evidence/labels";
import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import type { EvidenceRowDto } from "@/lib/dto/evidence";
import { useEvidenceList, type EvidenceFilters } from "@/components/evidence/use-evidence";
import { FiltersForm } from "@/components/ui/filter-actions";
import { EmptyState } from "@/components/ui/empty-state";
import { InputField } from "@/components/ui/field";
import { recordOptions, SelectField } from "@/components/ui/select-field";
import { useFilterForm, wholeDays } from "@/components/ui/use-filter-form";
import { QueryTable } from "@/components/ui/query-table";

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

/** A control as a choice: "AC-01 · Access reviews". */
export function controlOption(c: { key: string; title: string }) {
  return { value: c.key, label: `${c.key} · ${c.title}` };
}

/** A project's evidence, newest first, with filters and "load more" by cursor. */
export function EvidenceTable({ slug, controls, now, emptyHelp }: Props) {
  const form = useFilterForm(EMPTY, { toFilters: wholeDays });
  const list = useEvidenceList(slug, form.filters);

  return (
    <div className="stack">
      <FiltersForm form={form} label="Filter evidence" testId="evidence-filters">
        <SelectField label="Kind" blank="Any" options={recordOptions(KIND_LABELS)} {...form.bind("kind")} />
        <SelectField label="Outcome" blank="Any" options={recordOptions(OUTCOMES)} {...form.bind("outcome")} />
        <SelectField label="Control" blank="Any" options={controls.map(controlOption)} {...form.bind("control")} />
        <InputField label="Repository" type="search" placeholder="owner/name" {...form.bind("repo")} />
        <InputField label="Effective from" type="date" {...form.bind("from")} />
        <InputField label="Effective to" type="date" {...form.bind("to")} />
      </FiltersForm>
      <QueryTable
        query={list}
        loading="Loading evidence…"
        empty={
          form.isFiltered ? (
            <EmptyState title="No evidence matches" testId="evidence-none-match">
              <p>Nothing in this project matches these filters. Widen the dates or clear the filters.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No evidence yet" testId="evidence-empty">
              {emptyHelp}
            </EmptyState>
          )
        }
        testId="evidence-table"
        columns={["Effective", "Evidence", "Outcome", "Source", "Controls", "Fresh until"]}
        pager={{ more: "Load older evidence", end: "All matching evidence is shown." }}
      >
        {(r) => <Row key={r.id} row={r} slug={slug} now={now} />}
      </QueryTable>
    </div>
  );
}

function Row({ row: r, slug, now }: { row: EvidenceRowDto; slug: string; now: string }) {
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
