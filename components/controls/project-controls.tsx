"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { FREQUENCY_LABELS } from "@/lib/schemas/control-values";
import { fieldErrors } from "@/lib/client/describe-error";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { useControls, useSetApplicability } from "@/components/controls/use-controls";
import type { ControlRowDto } from "@/lib/dto/controls";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryTable } from "@/components/ui/query-table";
import { SelectField } from "@/components/ui/select-field";
import { APPLICABILITY } from "@/components/controls/controls-table";

/** The controls that apply to a project's frameworks, with applicability; leads mark exceptions with a reason. */
export function ProjectControls({
  slug,
  canApply,
  frameworkNames,
}: {
  slug: string;
  canApply: boolean;
  frameworkNames: Record<string, string>;
}) {
  const [applicability, setApplicability] = useState<string | undefined>(undefined);
  const [q, setQ] = useState("");
  const [search, setSearch] = useState<string | undefined>(undefined);
  const controls = useControls({ applicability, q: search }, slug);
  const inScope = controls.data?.pages[0]?.project?.frameworks ?? [];

  return (
    <div className="stack">
      <form
        className="filters"
        aria-label="Filter this project's controls"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q || undefined);
        }}
      >
        <Field label="Search">
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Key, title or description"
          />
        </Field>
        <SelectField
          label="Applicability"
          blank="All"
          options={APPLICABILITY}
          value={applicability ?? ""}
          onChange={(e) => setApplicability(e.target.value || undefined)}
        />
        <button className="btn btn-primary" type="submit">
          Search
        </button>
      </form>
      <QueryTable
        query={controls}
        loading="Loading controls…"
        empty={
          <EmptyState
            title={applicability === "not-applicable" ? "Every control applies" : "No controls match"}
            testId="project-controls-empty"
          >
            <p>
              {applicability === "not-applicable"
                ? "No control is marked not applicable to this project."
                : "No control of this project's frameworks matches the search. Clear it to see them all."}
            </p>
          </EmptyState>
        }
        testId="project-controls-table"
        columns={["Control", "Frequency", "Owner", "Serves here", "In this project"]}
        pager={{ more: "Load more" }}
      >
        {(r) => (
          <Row key={r.key} row={r} slug={slug} canApply={canApply} frameworkNames={frameworkNames} inScope={inScope} />
        )}
      </QueryTable>
    </div>
  );
}

interface RowProps {
  row: ControlRowDto;
  slug: string;
  canApply: boolean;
  frameworkNames: Record<string, string>;
  inScope: string[];
}

function Row({ row, slug, canApply, frameworkNames, inScope }: RowProps) {
  const [editing, setEditing] = useState(false);
  const [justification, setJustification] = useState("");
  const set = useSetApplicability(slug);
  const errors = fieldErrors(set.error);
  const na = row.applicability?.notApplicable ?? false;

  function submit(e: FormEvent) {
    e.preventDefault();
    set.mutate({ key: row.key, notApplicable: true, justification }, { onSuccess: () => setEditing(false) });
  }

  return (
    <tr data-testid={`project-control-${row.key}`}>
      <td>
        <Link className="mono small" href={`/controls/${row.key}`}>
          {row.key}
        </Link>{" "}
        {row.title}
      </td>
      <td className="small">{FREQUENCY_LABELS[row.frequency as keyof typeof FREQUENCY_LABELS] ?? row.frequency}</td>
      <td className="small">{row.owner?.name ?? <span className="muted">No owner</span>}</td>
      <td className="small">
        {Object.entries(row.mappings)
          .filter(([k]) => inScope.includes(k))
          .map(([k, refs]) => (
            <div key={k}>
              {frameworkNames[k] ?? k}: <span className="mono">{refs.join(", ")}</span>
            </div>
          ))}
      </td>
      <td style={{ minWidth: 260 }}>
        {na ? (
          <div className="stack" style={{ gap: "0.3rem" }}>
            <div>
              <Badge tone="info">Not applicable</Badge>
            </div>
            <span className="small">{row.applicability?.justification}</span>
            {canApply ? (
              <div>
                <button
                  className="btn btn-small"
                  type="button"
                  disabled={set.isPending}
                  onClick={() => set.mutate({ key: row.key, notApplicable: false })}
                >
                  Mark applicable
                </button>
              </div>
            ) : null}
          </div>
        ) : editing ? (
          <form
            className="stack"
            style={{ gap: "0.4rem" }}
            onSubmit={submit}
            aria-label={`Mark ${row.key} not applicable`}
          >
            <Field label="Why does it not apply?" error={errors.justification}>
              <textarea
                value={justification}
                onChange={(e) => setJustification(e.target.value)}
                rows={3}
                required
                minLength={10}
                maxLength={2000}
              />
            </Field>
            <div className="row">
              <button className="btn btn-small btn-primary" type="submit" disabled={set.isPending}>
                Save
              </button>
              <button className="btn btn-small" type="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <div className="row">
            <Badge tone="ok">Applicable</Badge>
            {canApply ? (
              <button className="btn btn-small" type="button" onClick={() => setEditing(true)}>
                Mark not applicable
              </button>
            ) : null}
          </div>
        )}
        <ErrorMessage error={set.error && !errors.justification ? set.error : null} />
      </td>
    </tr>
  );
}
