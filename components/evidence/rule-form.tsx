"use client";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { formatOption, KIND_LABELS } from "@/components/evidence/labels";
import { useRuleActions } from "@/components/evidence/use-rules";
import { recordOptions, SelectField } from "@/components/ui/select-field";
import { FormCard } from "@/components/ui/card";

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
  const [name, setName] = useState("");
  const [kind, setKind] = useState("");
  const [format, setFormat] = useState("");
  const [conditions, setConditions] = useState<Record<string, string>>({});
  const [chosen, setChosen] = useState<string[]>([]);
  const [apply, setApply] = useState(true);
  const errors = fieldErrors(create.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const cond = Object.fromEntries(Object.entries(conditions).filter(([, v]) => v.trim()));
    create.mutate(
      { body: { name, kind: kind || null, format: format || null, conditions: cond, controlKeys: chosen }, apply },
      {
        onSuccess: () => {
          setName("");
          setConditions({});
          setChosen([]);
        },
      },
    );
  }

  return (
    <FormCard title="New rule" titleId="rule-form-title" testId="rule-form" onSubmit={onSubmit} error={create.error}>
      {create.data ? (
        <div className="alert alert-ok" role="status" data-testid="rule-created">
          Rule “{create.data.rule.name}” created
          {create.data.applied ? `: ${create.data.applied.added} filing(s) of past evidence added.` : "."}
        </div>
      ) : null}
      <Field label="Name" error={errors.name}>
        <input type="text" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <div className="form-row">
        <SelectField
          label="Kind"
          error={errors.kind}
          blank="Any kind"
          options={recordOptions(KIND_LABELS)}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
        />
        <SelectField
          label="Format"
          error={errors.format}
          blank="Any format"
          options={formats.map(formatOption)}
          value={format}
          onChange={(e) => setFormat(e.target.value)}
        />
      </div>
      <p className="small muted">
        Patterns are optional: * matches anything, ? one character. Evidence must match every pattern given.
      </p>
      <div className="form-row">
        {CONDITIONS.map(([key, label, hint]) => (
          <Field key={key} label={label} hint={hint} error={errors[`conditions.${key}`]}>
            <input
              type="text"
              value={conditions[key] ?? ""}
              maxLength={200}
              onChange={(e) => setConditions({ ...conditions, [key]: e.target.value })}
            />
          </Field>
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
