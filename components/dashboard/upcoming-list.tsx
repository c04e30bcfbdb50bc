"use client";
import Link from "next/link";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";
import { useUpcoming } from "@/components/dashboard/use-upcoming";

const EMPTY = {
  evidence:
    "No evidence expires in the next 30 days. Evidence shows up here a month before its freshness runs out, so it can be refreshed in time.",
  exercise:
    "No runbook exercise falls due in the next 30 days. Runbooks with a cadence show up here a month before their next drill.",
};

export function UpcomingList({
  type,
  project,
  showProject = true,
}: {
  type: "evidence" | "exercise";
  project?: string;
  showProject?: boolean;
}) {
  const q = useUpcoming(type, 30, project);
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  if (q.error) return <ErrorMessage error={q.error} />;
  if (q.isPending) return <p className="muted">Looking 30 days ahead…</p>;
  if (!rows.length) return <p className="muted">{EMPTY[type]}</p>;
  return (
    <div className="stack">
      <p className="small muted">
        {q.data.pages[0].total} in the next 30 days{type === "exercise" ? " (overdue first)" : ""}.
      </p>
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid={`upcoming-${type}`}>
        {rows.map((r) => (
          <li key={r.key} style={{ padding: "0.35rem 0", borderBottom: "1px solid var(--border)" }}>
            <span className="small" style={{ display: "inline-block", minWidth: "6.5rem" }}>
              {r.overdue ? <Badge tone="bad">Overdue since {formatDate(r.at)}</Badge> : formatDate(r.at)}
            </span>{" "}
            <Link href={r.href}>{r.title}</Link>
            <div className="small muted">
              {showProject ? <>{r.project.name} · </> : null}
              {type === "evidence" ? "expires; " : ""}
              {r.detail}
            </div>
          </li>
        ))}
      </ul>
      {q.hasNextPage ? (
        <button
          className="btn btn-small"
          type="button"
          onClick={() => void q.fetchNextPage()}
          disabled={q.isFetchingNextPage}
        >
          {q.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      ) : null}
    </div>
  );
}
