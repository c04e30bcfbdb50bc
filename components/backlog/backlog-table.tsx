"use client";
import Link from "next/link";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { PriorityBadge, StatusBadge } from "@/components/backlog/item-badges";
import { useBacklogItems } from "@/components/backlog/use-backlog-items";
import type { BacklogFilters } from "@/components/backlog/query-keys";

export function itemHref(slug: string, id: string) {
  return `/projects/${slug}/backlog/${id}`;
}

/** The table view: one row per item, blockers first, 50 at a time. */
export function BacklogTable({ project, filters, emptyHint }: { project: string | null; filters: BacklogFilters; emptyHint: React.ReactNode }) {
  const list = useBacklogItems(project, filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.error) return <ErrorMessage error={list.error} />;
  if (list.isPending) return <p className="muted">Loading the backlog…</p>;
  if (!rows.length) return <div className="empty" data-testid="backlog-no-match">{emptyHint}</div>;
  return (
    <div className="stack">
      <div className="table-wrap">
        <table data-testid="backlog-table">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Title</th>
              {project ? null : <th scope="col">Project</th>}
              <th scope="col">Block</th>
              <th scope="col">Priority</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">Criteria</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="backlog-row">
                <td className="mono small">{r.key ?? "—"}</td>
                <td>
                  <Link href={itemHref(r.project.slug, r.id)}>{r.title}</Link>
                  {r.removedFromSourceAt ? (
                    <>
                      {" "}
                      <Badge tone="warn">Gone from its document</Badge>
                    </>
                  ) : null}
                </td>
                {project ? null : <td className="small">{r.project.name}</td>}
                <td className="small">{r.block ?? <span className="muted">—</span>}</td>
                <td>
                  <PriorityBadge priority={r.priority} />
                </td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td className="small">{r.owner?.name ?? <span className="muted">Nobody</span>}</td>
                <td className="small">{r.criteria.total ? `${r.criteria.done} of ${r.criteria.total}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span>{rows.length} shown</span>
        {list.hasNextPage ? (
          <button className="btn" type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? "Loading…" : "Show more"}
          </button>
        ) : (
          <span>That is all of them.</span>
        )}
      </div>
    </div>
  );
}
