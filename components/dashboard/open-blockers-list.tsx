"use client";
import Link from "next/link";
import { ErrorMessage } from "@/components/ui/error-message";
import { formatDate } from "@/lib/format";
import { useOpenBlockers } from "@/components/dashboard/use-open-blockers";

/** Blocker items not done yet (optionally only the signed-in user's), oldest first. */
export function OpenBlockersList({ mine }: { mine: boolean }) {
  const q = useOpenBlockers(mine);
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  if (q.error) return <ErrorMessage error={q.error} />;
  if (q.isPending) return <p className="muted">Loading blockers…</p>;
  if (!rows.length) {
    return (
      <p className="muted" data-testid={mine ? "my-blockers-empty" : "blockers-empty"}>
        {mine
          ? "No blocker is assigned to you. Blocker items you own will be listed here first."
          : "No blocker is open in any project. Items of priority Blocker fail the controls they are linked to until they are done."}
      </p>
    );
  }
  return (
    <div className="stack">
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid={mine ? "my-blockers" : "open-blockers"}>
        {rows.map((r) => (
          <li key={r.id} style={{ padding: "0.35rem 0", borderBottom: "1px solid var(--border)" }}>
            <Link href={r.href}>
              {r.key ? <span className="mono">{r.key} </span> : null}
              {r.title}
            </Link>
            <div className="small muted">
              {r.project.name}
              {r.block ? ` · ${r.block}` : ""} · open since {formatDate(r.openedAt)}
              {r.owner ? ` · ${r.owner}` : " · no owner"}
              {r.controls.length ? " · fails " : ""}
              {r.controls.map((c, i) => (
                <span key={c.key}>
                  {i > 0 ? ", " : ""}
                  <Link href={c.href}>{c.key}</Link>
                </span>
              ))}
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
