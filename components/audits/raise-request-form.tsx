"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { useFormValues } from "@/components/ui/use-form-values";
import { apiFetch } from "@/lib/client/api";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field, InputField } from "@/components/ui/field";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import { auditKeys } from "@/components/audits/query-keys";
import { Card } from "@/components/ui/card";

interface Targets {
  requirements: Array<{ refId: string; title: string }>;
  controls: Array<{ key: string; title: string }>;
}

/** The auditor asks for evidence about one requirement or one control, with a due date. */
export function RaiseRequestForm({ auditId, targets }: { auditId: string; targets: Targets }) {
  const qc = useQueryClient();
  const { values: form, setValues: setForm, bind } = useFormValues({ title: "", detail: "", target: "", dueAt: "" });
  const [done, setDone] = useState(false);
  const raise = useMutation({
    mutationFn: (body: object) => apiFetch(`/api/v1/audits/${auditId}/requests`, { method: "POST", body }),
    onSuccess: async () => {
      setDone(true);
      setForm({ title: "", detail: "", target: "", dueAt: "" });
      await qc.invalidateQueries({ queryKey: auditKeys.audit(auditId) });
    },
  });
  const errors = fieldErrors(raise.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const [type, value] = form.target.split(":", 2);
    raise.mutate({
      title: form.title,
      detail: form.detail,
      dueAt: form.dueAt || undefined,
      ...(type === "req" ? { requirementRef: value } : type === "ctl" ? { controlKey: value } : {}),
    });
  }

  return (
    <Card title="Raise a request" titleId="raise-title">
      <form className="stack" onSubmit={onSubmit} data-testid="raise-request-form" noValidate>
        <ErrorMessage error={raise.error} />
        {done ? (
          <SuccessMessage>Request raised. The audit&apos;s lead has been given it to assign.</SuccessMessage>
        ) : null}
        <div className="form-row">
          <InputField
            label="What you need"
            error={errors.title}
            type="text"
            {...bind("title")}
            maxLength={200}
            required
          />
          <Field label="About" error={errors.requirementRef ?? errors.controlKey}>
            <select {...bind("target")} required>
              <option value="">Choose a requirement or control</option>
              <optgroup label="Requirements">
                {targets.requirements.map((r) => (
                  <option key={r.refId} value={`req:${r.refId}`}>
                    {r.refId} · {r.title}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Controls">
                {targets.controls.map((c) => (
                  <option key={c.key} value={`ctl:${c.key}`}>
                    {c.key} · {c.title}
                  </option>
                ))}
              </optgroup>
            </select>
          </Field>
          <InputField label="Due" error={errors.dueAt} type="date" {...bind("dueAt")} />
        </div>
        <Field label="Detail" hint="Optional: the period, the systems, the form you need it in." error={errors.detail}>
          <textarea {...bind("detail")} maxLength={5000} rows={3} />
        </Field>
        <FormActions submitLabel="Raise request" pendingLabel="Raising…" pending={raise.isPending} />
      </form>
    </Card>
  );
}
