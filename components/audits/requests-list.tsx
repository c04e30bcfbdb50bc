"use client";
import Link from "next/link";
import { useState } from "react";
import { formatDate } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { REQUEST_STATUS } from "@/components/audits/labels";
import { useRequests } from "@/components/audits/use-requests";
import { Pager, QueryState } from "@/components/ui/query-state";

/** The auditor's request list with its statuses, filterable, loaded a page at a time. */
export function RequestsList({ auditId, canRaise }: { auditId: string; canRaise: boolean }) {
  const [status, setStatus] = useState("");
  const list = useRequests(auditId, { status: status || undefined });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="stack">
      <div className="filters">
        <div className="field">
          <label htmlFor="req-status">Status</label>
          <select id="req-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            {Object.entries(REQUEST_STATUS).map(([k, s]) => (
              <option key={k} value={k}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="spacer" />
        <a className="btn btn-small" href={`/api/v1/audits/${auditId}/requests/export`} download>
          Export CSV
        </a>
      </div>
      <QueryState
        query={list}
        count={rows.length}
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
      >
        <div className="table-wrap">
          <table data-testid="requests-table">
            <thead>
              <tr>
                <th>Request</th>
                <th>About</th>
                <th>Owner</th>
                <th>Due</th>
                <th>Status</th>
                <th className="num">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="request-row">
                  <td>
                    <Link href={`/audits/${auditId}/requests/${r.id}`}>{r.title}</Link>
                  </td>
                  <td className="small">
                    {r.requirement
                      ? `Requirement ${r.requirement.refId}`
                      : r.control
                        ? `Control ${r.control.key}`
                        : "—"}
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
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      {list.hasNextPage ? <Pager query={list} count={rows.length} more="Load more" small /> : null}
    </div>
  );
}
