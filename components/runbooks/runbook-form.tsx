"use client";
import { useState, type FormEvent } from "react";
import { CADENCE_CHOICES } from "@/lib/runbooks/schedule";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { PeopleSelect } from "@/components/backlog/people-select";
import { FormActions } from "@/components/ui/form-actions";
import type { RunbookStepDto } from "@/lib/dto/runbooks";

export interface RunbookFormValues {
  title: string;
  steps: RunbookStepDto[];
  ownerId: string | null;
  cadenceDays: number | null;
  rtoTargetSeconds: number | null;
  rpoTargetSeconds: number | null;
  note?: string;
}

/** Steps as text: one per line; "# Heading" starts a group; lines indented by two spaces are the step's detail. */
export function stepsToText(steps: RunbookStepDto[]): string {
  const out: string[] = [];
  let group: string | undefined;
  for (const s of steps) {
    if (s.group !== group) {
      if (s.group) out.push(`# ${s.group}`);
      group = s.group;
    }
    out.push(s.text, ...(s.detail ? s.detail.split("\n").map((l) => `  ${l}`) : []));
  }
  return out.join("\n");
}

export function textToSteps(text: string): RunbookStepDto[] {
  const steps: RunbookStepDto[] = [];
  let group: string | undefined;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (/^#\s+/.test(line)) group = line.replace(/^#\s+/, "").trim() || undefined;
    else if (/^\s{2,}/.test(line) && steps.length) {
      const last = steps[steps.length - 1];
      last.detail = last.detail ? `${last.detail}\n${line.slice(2)}` : line.slice(2);
    } else steps.push({ text: line.trim(), ...(group ? { group } : {}) });
  }
  return steps;
}

const toMinutes = (s: number | null) => (s === null ? "" : String(s / 60));
const toSeconds = (m: string) => (m.trim() === "" ? null : Math.round(Number(m) * 60));

export function RunbookForm({
  initial,
  withNote,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: RunbookFormValues;
  withNote?: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (v: RunbookFormValues) => void;
  onCancel?: () => void;
}) {
  const [f, setF] = useState({
    title: initial.title,
    steps: stepsToText(initial.steps),
    ownerId: initial.ownerId ?? "",
    cadence: initial.cadenceDays ? String(initial.cadenceDays) : "",
    rto: toMinutes(initial.rtoTargetSeconds),
    rpo: toMinutes(initial.rpoTargetSeconds),
    note: "",
  });
  const errors = fieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      title: f.title,
      steps: textToSteps(f.steps),
      ownerId: f.ownerId || null,
      cadenceDays: f.cadence ? Number(f.cadence) : null,
      rtoTargetSeconds: toSeconds(f.rto),
      rpoTargetSeconds: toSeconds(f.rpo),
      ...(withNote && f.note ? { note: f.note } : {}),
    });
  }

  return (
    <form className="stack" onSubmit={submit} data-testid="runbook-form">
      <ErrorMessage error={error} />
      <Field label="Title" error={errors.title}>
        <input type="text" value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} required />
      </Field>
      <Field
        label="Steps"
        hint='One step per line, in order. "# Recovery" starts a group of steps; lines indented by two spaces are notes or commands for the step above.'
        error={errors.steps}
      >
        <textarea rows={10} value={f.steps} onChange={(e) => setF({ ...f, steps: e.target.value })} required />
      </Field>
      <div className="form-row">
        <Field label="Owner" error={errors.ownerId}>
          <PeopleSelect value={f.ownerId} onChange={(id) => setF({ ...f, ownerId: id })} />
        </Field>
        <Field label="Exercise cadence" error={errors.cadenceDays}>
          <select value={f.cadence} onChange={(e) => setF({ ...f, cadence: e.target.value })}>
            <option value="">No schedule</option>
            {CADENCE_CHOICES.map((c) => (
              <option key={c.days} value={c.days}>
                {c.label} ({c.days} days)
              </option>
            ))}
            {f.cadence && !CADENCE_CHOICES.some((c) => String(c.days) === f.cadence) ? (
              <option value={f.cadence}>Every {f.cadence} days</option>
            ) : null}
          </select>
        </Field>
        <Field label="Recovery time objective (minutes)" error={errors.rtoTargetSeconds}>
          <input type="number" min="0" step="any" value={f.rto} onChange={(e) => setF({ ...f, rto: e.target.value })} />
        </Field>
        <Field label="Recovery point objective (minutes)" error={errors.rpoTargetSeconds}>
          <input type="number" min="0" step="any" value={f.rpo} onChange={(e) => setF({ ...f, rpo: e.target.value })} />
        </Field>
      </div>
      {withNote ? (
        <Field
          label="What changed (optional)"
          hint="Kept with the new version when the steps or title change."
          error={errors.note}
        >
          <input type="text" value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} />
        </Field>
      ) : null}
      <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
