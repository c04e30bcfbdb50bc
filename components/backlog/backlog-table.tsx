"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PriorityBadge, StatusBadge } from "@/components/backlog/item-badges";
import { useBacklogItems } from "@/components/backlog/use-backlog-items";
import type { BacklogFilters } from "@/components/backlog/query-keys";
import { Pager, QueryState } from "@/components/ui/query-state";
import { DataTable } from "@/components/ui/data-table";

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
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <QueryState
      query={list}
      count={rows.length}
      loading="Loading the backlog…"
      empty={
        <div className="empty" data-testid="backlog-no-match">
          {emptyHint}
        </div>
      }
    >
      <div className="stack">
        <DataTable
          testId="backlog-table"
          columns={["Key", "Title", project ? null : "Project", "Block", "Priority", "Status", "Owner", "Criteria"]}
        >
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
        </DataTable>
        <Pager query={list} count={rows.length} more="Show more" end="That is all of them." />
      </div>
    </QueryState>
  );
}
