"use client";
import { formatDate, formatDateTime } from "@/lib/format";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import { REQUEST_STATUS } from "@/components/audits/labels";
import { useRequest } from "@/components/audits/use-requests";
import { AssignForm, CommentForm, ReviewForm } from "@/components/audits/request-actions";
import { AnswerForm } from "@/components/audits/answer-form";

const KIND_LABEL: Record<string, string> = {
  comment: "commented",
  answer: "answered",
  accept: "accepted",
  return: "returned",
  assign: "assigned",
};

/** One request: what was asked, the thread, the evidence attached, and what the viewer may do next. */
export function RequestDetail({
  auditId,
  requestId,
  owners,
}: {
  auditId: string;
  requestId: string;
  owners: Array<{ id: string; name: string; email: string }> | null;
}) {
  const q = useRequest(auditId, requestId);
  if (q.isPending) return <p className="muted">Loading the request…</p>;
  if (q.error) return <ErrorMessage error={q.error} />;
  const r = q.data;
  return (
    <div className="stack" data-testid="request-detail">
      <section className="card">
        <h2 className="row">
          <span data-testid="request-title">{r.title}</span>
          <span data-testid="request-status">
            <Badge tone={REQUEST_STATUS[r.status].tone}>{REQUEST_STATUS[r.status].label}</Badge>
          </span>
          {r.overdue ? <Badge tone="bad">Overdue</Badge> : null}
        </h2>
        <p className="small muted">
          {r.requirement
            ? `Requirement ${r.requirement.refId} · ${r.requirement.title}`
            : r.control
              ? `Control ${r.control.key} · ${r.control.title}`
              : ""}{" "}
          · raised by {r.raisedBy} on {formatDate(r.createdAt)} · due {r.dueAt ? formatDate(r.dueAt) : "—"} · owner{" "}
          {r.owner?.name ?? "unassigned"} · audit {r.audit.name}
        </p>
        {r.detail ? <p style={{ whiteSpace: "pre-wrap" }}>{r.detail}</p> : null}
      </section>
      <section className="card" aria-labelledby="att-title">
        <h2 id="att-title">Evidence attached</h2>
        {r.evidence.length ? (
          <ul data-testid="request-evidence">
            {r.evidence.map((e) => (
              <li key={e.id}>
                {e.title} <OutcomeBadge outcome={e.outcome} />{" "}
                <span className="small muted">
                  {e.project.name} · effective {formatDate(e.effectiveAt)}
                </span>
                {e.sha256 ? <span className="small mono"> · sha256 {e.sha256.slice(0, 16)}…</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">
            Nothing attached yet. The owner answers by attaching evidence from inside the audit&apos;s window.
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="thread-title">
        <h2 id="thread-title">Thread</h2>
        {r.comments.length ? (
          <ol className="stack" style={{ paddingLeft: "1.2rem", gap: "0.5rem" }} data-testid="request-thread">
            {r.comments.map((c) => (
              <li key={c.id}>
                <strong>{c.author}</strong> {KIND_LABEL[c.kind] ?? c.kind}{" "}
                <span className="small muted">{formatDateTime(c.createdAt)}</span>
                {c.body ? <div style={{ whiteSpace: "pre-wrap" }}>{c.body}</div> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No comments yet.</p>
        )}
        {r.may.comment ? <CommentForm auditId={auditId} requestId={requestId} /> : null}
      </section>
      {r.may.assign && owners ? (
        <AssignForm auditId={auditId} requestId={requestId} owners={owners} current={r.owner?.id ?? ""} />
      ) : null}
      {r.may.answer ? (
        <AnswerForm
          auditId={auditId}
          requestId={requestId}
          window={{ start: r.audit.windowStart, end: r.audit.windowEnd }}
          projects={r.audit.projects}
        />
      ) : null}
      {r.may.review ? <ReviewForm auditId={auditId} requestId={requestId} /> : null}
    </div>
  );
}
