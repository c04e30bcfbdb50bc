"use client";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { AUDIT_STATUS } from "@/components/audits/labels";
import { useAuditMutation } from "@/components/audits/use-audit-mutations";

/** Moves the audit between planning, fieldwork, reporting and closed (closing stops workspace writes). */
export function AuditStatusForm({ auditId, status }: { auditId: string; status: string }) {
  const [value, setValue] = useState(status);
  const update = useAuditMutation(auditId, (next: string) => ({
    path: `/api/v1/audits/${auditId}`,
    method: "PATCH",
    body: { status: next },
  }));
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate(value);
      }}
      data-testid="audit-status-form"
    >
      <label htmlFor="audit-status" className="label">
        Status
      </label>
      <select id="audit-status" value={value} onChange={(e) => setValue(e.target.value)}>
        {Object.entries(AUDIT_STATUS).map(([k, s]) => (
          <option key={k} value={k}>
            {s.label}
          </option>
        ))}
      </select>
      <button className="btn btn-small" type="submit" disabled={update.isPending || value === status}>
        Save status
      </button>
      <ErrorMessage error={update.error} />
    </form>
  );
}
