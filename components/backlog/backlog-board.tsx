"use client";
import Link from "next/link";
import { ErrorMessage } from "@/components/ui/error-message";
import { PriorityBadge } from "@/components/backlog/item-badges";
import { itemHref } from "@/components/backlog/backlog-table";
import { useBacklogItems } from "@/components/backlog/use-backlog-items";
import type { BacklogFilters } from "@/components/backlog/query-keys";
import styles from "@/components/backlog/backlog.module.css";
import { loadedRows } from "@/components/ui/query-table";

const COLUMNS = [
  { status: "OPEN", title: "Open" },
  { status: "IN_PROGRESS", title: "In progress" },
  { status: "DONE", title: "Done" },
] as const;

/** The board view: a column per status, each paginated on its own. */
export function BacklogBoard({ project, filters }: { project: string | null; filters: BacklogFilters }) {
  const shown =
    filters.status && filters.status !== "NOT_DONE"
      ? COLUMNS.filter((c) => c.status === filters.status)
      : filters.status === "NOT_DONE"
        ? COLUMNS.slice(0, 2)
        : COLUMNS;
  return (
    <div className={styles.board} data-testid="backlog-board">
      {shown.map((c) => (
        <Column key={c.status} project={project} filters={{ ...filters, status: c.status }} title={c.title} />
      ))}
    </div>
  );
}

function Column({ project, filters, title }: { project: string | null; filters: BacklogFilters; title: string }) {
  const list = useBacklogItems(project, filters, 20);
  const rows = loadedRows(list);
  return (
    <section className={styles.column} aria-label={title} data-testid={`board-column-${filters.status}`}>
      <h3>
        <span>{title}</span>
        <span className="muted small">{list.hasNextPage ? `${rows.length}+` : rows.length}</span>
      </h3>
      <ErrorMessage error={list.error} />
      {list.isPending ? (
        <p className="muted small">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted small">No items here.</p>
      ) : null}
      {rows.map((r) => (
        <Link key={r.id} href={itemHref(r.project.slug, r.id)} className={styles.card}>
          <div className={styles.meta}>
            {r.key ? <span className="mono">{r.key}</span> : null}
            {r.priority ? <PriorityBadge priority={r.priority} /> : null}
          </div>
          <div className={styles.cardTitle}>{r.title}</div>
          <div className={styles.meta}>
            {project ? null : <span>{r.project.name}</span>}
            {r.block ? <span>{r.block}</span> : null}
            {r.criteria.total ? <span>{`${r.criteria.done}/${r.criteria.total} criteria`}</span> : null}
            {r.owner ? <span>{r.owner.name}</span> : null}
          </div>
        </Link>
      ))}
      {list.hasNextPage ? (
        <button
          className="btn btn-small"
          type="button"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {list.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      ) : null}
    </section>
  );
}
