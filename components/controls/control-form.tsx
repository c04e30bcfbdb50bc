"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { EVIDENCE_KINDS, EVIDENCE_KIND_LABELS, FREQUENCIES, FREQUENCY_LABELS } from "@/lib/schemas/control-values";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import { useSaveControl } from "@/components/controls/use-controls";
import styles from "@/components/catalogue/catalogue.module.css";

export interface ControlFormValues {
  key: string;
  title: string;
  description: string;
  frequency: string;
  ownerId: string | null;
  expectations: Array<{ kind: string; freshnessDays: number }>;
}

const DEFAULT_DAYS: Record<string, number> = {
  CONTINUOUS: 30,
  PER_CHANGE: 30,
  DAILY: 2,
  WEEKLY: 8,
  MONTHLY: 35,
  QUARTERLY: 100,
  SEMI_ANNUALLY: 200,
  ANNUALLY: 395,
};

/** Creates a control (no `existing`) or edits one. Every field has a label; errors appear beside their field. */
export function ControlForm({
  existing,
  owners,
}: {
  existing?: ControlFormValues;
  owners: Array<{ id: string; name: string; email: string }>;
}) {
  const router = useRouter();
  const save = useSaveControl(existing?.key);
  const [form, setForm] = useState<ControlFormValues>(
    existing ?? { key: "", title: "", description: "", frequency: "QUARTERLY", ownerId: null, expectations: [] },
  );
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(save.error);
  const days = new Map(form.expectations.map((e) => [e.kind, e.freshnessDays]));

  function toggleKind(kind: string, on: boolean) {
    const rest = form.expectations.filter((e) => e.kind !== kind);
    setForm({
      ...form,
      expectations: on ? [...rest, { kind, freshnessDays: DEFAULT_DAYS[form.frequency] ?? 30 }] : rest,
    });
  }

  function setDays(kind: string, value: string) {
    setForm({
      ...form,
      expectations: form.expectations.map((e) => (e.kind === kind ? { ...e, freshnessDays: Number(value) } : e)),
    });
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body = {
      title: form.title,
      description: form.description,
      frequency: form.frequency,
      ownerId: form.ownerId,
      expectations: form.expectations,
    };
    save.mutate(existing ? body : { ...body, key: form.key.trim().toUpperCase() }, {
      onSuccess: (c) => {
        if (existing) {
          setSaved(true);
          router.refresh();
        } else router.push(`/controls/${c.key}`);
      },
    });
  }

  return (
    <form className="stack" onSubmit={onSubmit} data-testid="control-form">
      <ErrorMessage error={save.error} />
      {saved ? (
        <SuccessMessage>Saved. The starter library will no longer overwrite this control.</SuccessMessage>
      ) : null}
      <div className="form-row">
        {existing ? null : (
          <Field
            label="Key"
            hint="Family prefix, hyphen, number: BCK-07. The prefix groups it with its family."
            error={errors.key}
          >
            <input
              type="text"
              value={form.key}
              onChange={(e) => setForm({ ...form, key: e.target.value })}
              required
              maxLength={13}
            />
          </Field>
        )}
        <Field label="Title" error={errors.title}>
          <input
            type="text"
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.target.value })}
            required
            maxLength={200}
          />
        </Field>
      </div>
      <Field label="Description" hint="What the team does, and what shows that it was done." error={errors.description}>
        <textarea
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
          rows={4}
          required
          maxLength={5000}
        />
      </Field>
      <div className="form-row">
        <Field label="Frequency" error={errors.frequency}>
          <select value={form.frequency} onChange={(e) => setForm({ ...form, frequency: e.target.value })}>
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_LABELS[f]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Owner" error={errors.ownerId}>
          <select value={form.ownerId ?? ""} onChange={(e) => setForm({ ...form, ownerId: e.target.value || null })}>
            <option value="">No owner yet</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.email})
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset>
        <legend>Expected evidence, and how many days each piece stays fresh</legend>
        {errors.expectations ? <p className="error small">{errors.expectations}</p> : null}
        <div className={styles.expectations}>
          {EVIDENCE_KINDS.map((kind) => {
            const on = days.has(kind);
            return (
              <div key={kind} className={styles.expectation}>
                <label>
                  <input type="checkbox" checked={on} onChange={(e) => toggleKind(kind, e.target.checked)} />{" "}
                  {EVIDENCE_KIND_LABELS[kind]}
                </label>
                {on ? (
                  <input
                    type="number"
                    min={1}
                    max={3650}
                    aria-label={`Days a ${EVIDENCE_KIND_LABELS[kind].toLowerCase()} stays fresh`}
                    value={days.get(kind)}
                    onChange={(e) => setDays(kind, e.target.value)}
                  />
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
      <FormActions submitLabel={existing ? "Save changes" : "Create control"} pending={save.isPending} />
    </form>
  );
}
