"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import type { TRemediationPolicy } from "@/lib/schemas/vulnerabilities";

const FIELDS: Array<[keyof TRemediationPolicy, string]> = [
  ["criticalDays", "Critical (days)"],
  ["highDays", "High (days)"],
  ["mediumDays", "Medium (days)"],
  ["lowDays", "Low (days)"],
];

/** The project's remediation deadlines: days per severity from an alert's opening. */
export function RemediationPolicyForm({ slug, policy }: { slug: string; policy: TRemediationPolicy }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<keyof TRemediationPolicy, string>>({
    criticalDays: String(policy.criticalDays),
    highDays: String(policy.highDays),
    mediumDays: String(policy.mediumDays),
    lowDays: String(policy.lowDays),
  });
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: TRemediationPolicy) =>
      apiFetch(`/api/v1/projects/${slug}/remediation-policy`, { method: "PUT", body }),
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const errors = fieldErrors(save.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate(Object.fromEntries(FIELDS.map(([k]) => [k, Number(values[k])])) as TRemediationPolicy);
  }

  return (
    <form className="stack" onSubmit={onSubmit} data-testid="remediation-policy-form" noValidate>
      <ErrorMessage error={save.error} />
      {saved && !save.error ? (
        <SuccessMessage testId="policy-saved">Saved. Readiness uses the new deadlines from now on.</SuccessMessage>
      ) : null}
      <div className="row">
        {FIELDS.map(([key, label]) => (
          <Field key={key} label={label} error={errors[key]}>
            <input
              type="number"
              name={key}
              min={1}
              max={3650}
              step={1}
              inputMode="numeric"
              value={values[key]}
              onChange={(e) => setValues({ ...values, [key]: e.target.value })}
              required
            />
          </Field>
        ))}
      </div>
      <div>
        <button className="btn btn-primary" type="submit" disabled={save.isPending}>
          Save deadlines
        </button>
      </div>
    </form>
  );
}
