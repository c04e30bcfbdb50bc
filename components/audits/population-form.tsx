"use client";
import type { FormEvent } from "react";
import { useFormValues } from "@/components/ui/use-form-values";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/lib/client/describe-error";
import { InputField } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { POPULATION_KIND_LABELS } from "@/components/audits/labels";
import { useCreatePopulation } from "@/components/audits/use-populations";
import { recordOptions, SelectField } from "@/components/ui/select-field";
import { controlOption } from "@/components/evidence/evidence-table";
import { Card } from "@/components/ui/card";

const FIELDS: Record<string, Array<{ name: string; label: string; hint?: string }>> = {
  "merged-prs": [
    { name: "repo", label: "Repository", hint: "owner/name; empty for all" },
    { name: "baseBranch", label: "Merged into", hint: "e.g. main; empty for any branch" },
  ],
  "main-ci-runs": [
    { name: "branch", label: "Branch", hint: "main unless your default branch differs" },
    { name: "workflow", label: "Workflow", hint: "empty for every workflow" },
  ],
  "restore-drills": [{ name: "runbookKey", label: "Runbook", hint: "its key, e.g. restore-study; empty for all" }],
  "audit-events": [
    { name: "action", label: "Action", hint: "exact, or a prefix ending in * (role.*)" },
    { name: "actor", label: "Actor", hint: "exact; empty for everyone" },
    { name: "outcome", label: "Outcome", hint: "e.g. success or failure" },
  ],
};

/** Defines a population inside the audit's window: the kind of event and the filter that picks its members. */
export function PopulationForm({
  auditId,
  controls,
}: {
  auditId: string;
  controls: Array<{ key: string; title: string }>;
}) {
  const form = useFormValues({ kind: "merged-prs", controlKey: "" });
  const { kind, controlKey } = form.values;
  const filterValues = useFormValues<Record<string, string>>({ branch: "main" });
  const create = useCreatePopulation(auditId);
  const errors = fieldErrors(create.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const filter: Record<string, string> = { kind };
    for (const f of FIELDS[kind]) {
      const value = filterValues.values[f.name]?.trim();
      if (value) filter[f.name] = value;
    }
    create.mutate({ filter, controlKey: controlKey || undefined });
  }

  return (
    <Card title="Define a population" titleId="pop-title">
      <form className="stack" onSubmit={onSubmit} data-testid="population-form" noValidate>
        <ErrorMessage error={create.error} />
        <div className="form-row">
          <SelectField
            label="Population"
            error={errors.filter}
            options={recordOptions(POPULATION_KIND_LABELS)}
            {...form.bind("kind")}
          />
          <SelectField
            label="Control tested"
            hint="Optional: the event-type control this population tests."
            error={errors.controlKey}
            blank="None"
            options={controls.map(controlOption)}
            {...form.bind("controlKey")}
          />
          {FIELDS[kind].map((f) => (
            <InputField
              key={`${kind}-${f.name}`}
              label={f.label}
              hint={f.hint}
              error={errors[f.name]}
              type="text"
              {...filterValues.bind(f.name)}
            />
          ))}
        </div>
        <FormActions submitLabel="Define population" pendingLabel="Counting…" pending={create.isPending} />
      </form>
    </Card>
  );
}
