"use client";
import Link from "next/link";
import { useState } from "react";
import { formatDate } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { REQUEST_STATUS } from "@/components/audits/labels";
import { useRequests } from "@/components/audits/use-requests";
import { QueryTable } from "@/components/ui/query-table";
import { recordOptions, SelectField } from "@/components/ui/select-field";

/** The auditor's request list with its statuses, filterable, loaded a page at a time. */
export function RequestsList({ auditId, canRaise }: { auditId: string; canRaise: boolean }) {
  const [status, setStatus] = useState("");
  const list = useRequests(auditId, { status: status || undefined });
  return (
    <div className="stack">
      <div className="filters">
        <SelectField
          label="Status"
          blank="Any"
          options={recordOptions(REQUEST_STATUS)}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        />
        <div className="spacer" />
        <a className="btn btn-small" href={`/api/v1/audits/${auditId}/requests/export`} download>
          Export CSV
        </a>
      </div>
      <QueryTable
        query={list}
        loading="Loading requests…"
        empty={
          <EmptyState title={status ? "No request has this status" : "No requests yet"} testId="requests-empty">
            <p>
              {canRaise
                ? "Raise a request below against a requirement or a control: say what you need and by when. The audit's lead assigns an owner, who answers with evidence."
                : "The auditor's requests appear here as they raise them. You assign each an owner, who answers with evidence from inside the window."}
            </p>
          </EmptyState>
        }
        testId="requests-table"
        columns={["Request", "About", "Owner", "Due", "Status", { label: "Evidence", className: "num" }]}
        pager={{ more: "Load more", small: true, whileMore: true }}
      >
        {(r) => (
          <tr key={r.id} data-testid="request-row">
            <td>
              <Link href={`/audits/${auditId}/requests/${r.id}`}>{r.title}</Link>
            </td>
            <td className="small">
              {r.requirement ? `Requirement ${r.requirement.refId}` : r.control ? `Control ${r.control.key}` : "—"}
            </td>
            <td className="small">{r.owner?.name ?? <span className="muted">Unassigned</span>}</td>
            <td className="small">
              {r.dueAt ? formatDate(r.dueAt) : "—"} {r.overdue ? <Badge tone="bad">Overdue</Badge> : null}
            </td>
            <td>
              <Badge tone={REQUEST_STATUS[r.status].tone}>{REQUEST_STATUS[r.status].label}</Badge>
            </td>
            <td className="num">{r._count.evidence}</td>
          </tr>
        )}
      </QueryTable>
    </div>
  );
}
