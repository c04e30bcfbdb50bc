"use client";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field, InputField } from "@/components/ui/field";
import { formatOption, KIND_LABELS } from "@/components/evidence/labels";
import { useRuleActions } from "@/components/evidence/use-rules";
import { recordOptions, SelectField } from "@/components/ui/select-field";
import { FormCard } from "@/components/ui/card";
import { useFormValues } from "@/components/ui/use-form-values";
import { SuccessMessage } from "@/components/ui/error-message";

const CONDITIONS = [
  ["workflow", "Workflow", "e.g. release-*"],
  ["branch", "Branch", "e.g. main"],
  ["repo", "Repository", "e.g. example/*"],
  ["name", "Evidence name", "drill, check or report name, e.g. restore-*"],
] as const;

/** A new filing rule: which evidence (kind, format, patterns) goes under which controls. */
export function RuleForm({
  slug,
  controls,
  formats,
}: {
  slug: string;
  controls: Array<{ key: string; title: string }>;
  formats: Array<{ id: string; label: string }>;
}) {
  const { create } = useRuleActions(slug);
  const form = useFormValues({ name: "", kind: "", format: "" });
  const conditions = useFormValues<Record<string, string>>({});
  const [chosen, setChosen] = useState<string[]>([]);
  const [apply, setApply] = useState(true);
  const errors = fieldErrors(create.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const { name, kind, format } = form.values;
    const cond = Object.fromEntries(Object.entries(conditions.values).filter(([, v]) => v.trim()));
    create.mutate(
      { body: { name, kind: kind || null, format: format || null, conditions: cond, controlKeys: chosen }, apply },
      {
        onSuccess: () => {
          form.setValues((v) => ({ ...v, name: "" }));
          conditions.setValues({});
          setChosen([]);
        },
      },
    );
  }

  return (
    <FormCard title="New rule" titleId="rule-form-title" testId="rule-form" onSubmit={onSubmit} error={create.error}>
      {create.data ? (
        <SuccessMessage testId="rule-created">
          Rule “{create.data.rule.name}” created
          {create.data.applied ? `: ${create.data.applied.added} filing(s) of past evidence added.` : "."}
        </SuccessMessage>
      ) : null}
      <InputField label="Name" error={errors.name} type="text" maxLength={120} {...form.bind("name")} required />
      <div className="form-row">
        <SelectField
          label="Kind"
          error={errors.kind}
          blank="Any kind"
          options={recordOptions(KIND_LABELS)}
          {...form.bind("kind")}
        />
        <SelectField
          label="Format"
          error={errors.format}
          blank="Any format"
          options={formats.map(formatOption)}
          {...form.bind("format")}
        />
      </div>
      <p className="small muted">
        Patterns are optional: * matches anything, ? one character. Evidence must match every pattern given.
      </p>
      <div className="form-row">
        {CONDITIONS.map(([key, label, hint]) => (
          <InputField
            key={key}
            label={label}
            hint={hint}
            error={errors[`conditions.${key}`]}
            type="text"
            maxLength={200}
            {...conditions.bind(key)}
          />
        ))}
      </div>
      <Field label="Controls" hint="Hold Ctrl (or ⌘) to choose several." error={errors.controlKeys}>
        <select
          multiple
          size={8}
          value={chosen}
          onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => o.value))}
        >
          {controls.map((c) => (
            <option key={c.key} value={c.key}>
              {c.key} · {c.title}
            </option>
          ))}
        </select>
      </Field>
      <label className="row">
        <input type="checkbox" checked={apply} onChange={(e) => setApply(e.target.checked)} /> Also file past evidence
        that matches
      </label>
      <div>
        <button className="btn btn-primary" type="submit" disabled={create.isPending}>
          Create rule
        </button>
      </div>
    </FormCard>
  );
}
