"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PriorityBadge, StatusBadge } from "@/components/backlog/item-badges";
import { useBacklogItems } from "@/components/backlog/use-backlog-items";
import type { BacklogFilters } from "@/components/backlog/query-keys";
import { QueryTable } from "@/components/ui/query-table";

export function itemHref(slug: string, id: string) {
  return `/projects/${slug}/backlog/${id}`;
}

/** The table view: one row per item, blockers first, 50 at a time. */
export function BacklogTable({
  project,
  filters,
  emptyHint,
}: {
  project: string | null;
  filters: BacklogFilters;
  emptyHint: React.ReactNode;
}) {
  const list = useBacklogItems(project, filters);
  return (
    <QueryTable
      query={list}
      loading="Loading the backlog…"
      empty={
        <div className="empty" data-testid="backlog-no-match">
          {emptyHint}
        </div>
      }
      testId="backlog-table"
      columns={["Key", "Title", project ? null : "Project", "Block", "Priority", "Status", "Owner", "Criteria"]}
      pager={{ more: "Show more", end: "That is all of them." }}
    >
      {(r) => (
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
      )}
    </QueryTable>
  );
}
