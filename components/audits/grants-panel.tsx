"use client";
import type { FormEvent } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { useFormValues } from "@/components/ui/use-form-values";
import { fieldErrors } from "@/lib/client/describe-error";
import { formatDate } from "@/lib/format";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { useAuditMutation } from "@/components/audits/use-audit-mutations";
import { DataTable } from "@/components/ui/data-table";
import { RowAction } from "@/components/ui/row-action";

interface Grant {
  id: string;
  expiresAt: string;
  revokedAt: string | null;
  live: boolean;
  user: { name: string; email: string };
}

/** Who may audit, until when: grant, extend (grant again) and revoke. */
export function GrantsPanel({
  auditId,
  grants,
  auditors,
}: {
  auditId: string;
  grants: Grant[];
  auditors: Array<{ id: string; name: string; email: string }>;
}) {
  const { values: form, setValues: setForm, bind } = useFormValues({ userId: auditors[0]?.id ?? "", expiresAt: "" });
  const grant = useAuditMutation(auditId, (body: typeof form) => ({
    path: `/api/v1/audits/${auditId}/grants`,
    method: "POST",
    body,
  }));
  const revoke = useAuditMutation(auditId, (grantId: string) => ({
    path: `/api/v1/audits/${auditId}/grants/${grantId}`,
    method: "DELETE",
  }));
  const errors = fieldErrors(grant.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    grant.mutate(form, { onSuccess: () => setForm({ ...form, expiresAt: "" }) });
  }

  return (
    <section className="card stack" aria-labelledby="grants-title" data-testid="grants-panel">
      <h2 id="grants-title">Auditor access</h2>
      <ErrorMessage error={revoke.error} />
      {grants.length ? (
        <DataTable testId="grants-table" columns={["Auditor", "Access until", "State", "Actions"]}>
          {grants.map((g) => (
            <tr key={g.id}>
              <td>
                {g.user.name} <span className="small muted">{g.user.email}</span>
              </td>
              <td>{formatDate(g.expiresAt)}</td>
              <td>
                {g.revokedAt ? (
                  <Badge tone="bad">Revoked {formatDate(g.revokedAt)}</Badge>
                ) : g.live ? (
                  <Badge tone="ok">Active</Badge>
                ) : (
                  <Badge>Expired</Badge>
                )}
              </td>
              <td>
                {g.live ? (
                  <RowAction action={revoke} value={g.id} danger>
                    Revoke access
                  </RowAction>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted">
          No auditor has access yet. Grant it below: the auditor then sees only this audit&apos;s projects and the
          evidence inside its window, read-only, until the date you set.
        </p>
      )}
      <form className="stack" onSubmit={onSubmit} data-testid="grant-form" noValidate>
        <ErrorMessage error={grant.error} />
        {auditors.length ? (
          <div className="form-row">
            <Field label="Auditor" error={errors.userId}>
              <select {...bind("userId")}>
                {auditors.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.email})
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Access until" hint="Through the end of that day (UTC)." error={errors.expiresAt}>
              <input type="date" {...bind("expiresAt")} required />
            </Field>
            <FormActions submitLabel="Grant access" pendingLabel="Granting…" pending={grant.isPending} />
          </div>
        ) : (
          <p className="muted">There is no active user with the Auditor role. An admin can add one under Users.</p>
        )}
      </form>
    </section>
  );
}
