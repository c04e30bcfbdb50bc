"use client";
import Link from "next/link";
import { BacklogCountsTable } from "@/components/backlog/backlog-counts-table";
import { BacklogFiltersForm } from "@/components/backlog/backlog-filters";
import { BacklogTable } from "@/components/backlog/backlog-table";
import { BacklogBoard } from "@/components/backlog/backlog-board";
import { useBacklogCounts } from "@/components/backlog/use-backlog-items";
import { hrefWith } from "@/components/backlog/filter-url";
import type { BacklogFilters } from "@/components/backlog/query-keys";

/** Counts, filters and the items as a table or a board, for one project or all of them. */
export function BacklogView({
  project,
  base,
  filters,
  view,
}: {
  project: string | null;
  base: string;
  filters: BacklogFilters;
  view: "table" | "board";
}) {
  const counts = useBacklogCounts(project, { ...filters, status: undefined });
  const blocks = counts.data?.rows.map((r) => r.block) ?? [];
  const filtered = Object.keys(filters).length > 0;
  return (
    <div className="stack">
      <BacklogCountsTable project={project} base={base} filters={filters} />
      <BacklogFiltersForm key={JSON.stringify(filters)} base={base} filters={filters} view={view} blocks={blocks} />
      <nav className="row" aria-label="Backlog views">
        <Link
          className={view === "table" ? "btn btn-small btn-primary" : "btn btn-small"}
          aria-current={view === "table" ? "page" : undefined}
          href={hrefWith(base, { ...filters, view: "table" })}
        >
          Table
        </Link>
        <Link
          className={view === "board" ? "btn btn-small btn-primary" : "btn btn-small"}
          aria-current={view === "board" ? "page" : undefined}
          href={hrefWith(base, { ...filters, view: "board" })}
        >
          Board
        </Link>
        {filtered ? (
          <Link className="btn btn-link btn-small" href={hrefWith(base, { view })}>
            Show everything
          </Link>
        ) : null}
      </nav>
      {view === "board" ? (
        <BacklogBoard project={project} filters={filters} />
      ) : (
        <BacklogTable
          project={project}
          filters={filters}
          emptyHint={
            filtered ? (
              <>
                <h2>No items match</h2>
                <p>Nothing in the backlog fits these filters. Clear them, or widen the search.</p>
              </>
            ) : (
              <>
                <h2>No backlog items yet</h2>
                <p>
                  Items appear here once a readiness document is imported into a project (its Backlog tab, Import a
                  document) or items are added by hand.
                </p>
              </>
            )
          }
        />
      )}
    </div>
  );
}
