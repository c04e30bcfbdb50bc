"use client";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import { useRuleActions } from "@/components/evidence/use-rules";

const FIELDS = ["time", "actor", "action", "target", "outcome", "source"] as const;

/** Where this project's audit-log lines keep their facts; empty fields are recognised automatically. */
export function AuditLogMappingForm({ slug, initial }: { slug: string; initial: Record<string, string> | null }) {
  const { mapping } = useRuleActions(slug);
  const [values, setValues] = useState<Record<string, string>>(initial ?? {});
  const errors = fieldErrors(mapping.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    mapping.mutate(Object.fromEntries(FIELDS.map((f) => [f, values[f]?.trim() || undefined])));
  }

  return (
    <form className="card stack" onSubmit={onSubmit} aria-labelledby="mapping-title" noValidate>
      <h3 id="mapping-title">Audit-log fields</h3>
      <p className="small muted">
        Proofline recognises CloudTrail, Kubernetes audit, Vault audit and plain {"{ts, actor, action}"} lines by
        itself. If your logs keep these facts elsewhere, give dotted paths (e.g. user.email); leave a field empty to
        keep recognising it.
      </p>
      <ErrorMessage error={mapping.error} />
      {mapping.isSuccess ? <SuccessMessage>Saved: the next audit logs are read this way.</SuccessMessage> : null}
      <div className="form-row">
        {FIELDS.map((f) => (
          <Field key={f} label={f[0].toUpperCase() + f.slice(1)} error={errors[f]}>
            <input
              type="text"
              value={values[f] ?? ""}
              maxLength={200}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
            />
          </Field>
        ))}
      </div>
      <div>
        <button className="btn" type="submit" disabled={mapping.isPending}>
          Save field mapping
        </button>
      </div>
    </form>
  );
}
