"use client";
import Link from "next/link";
import { PRIORITY_LABELS } from "@/lib/backlog/priority";
import { ErrorMessage } from "@/components/ui/error-message";
import { useBacklogCounts } from "@/components/backlog/use-backlog-items";
import { hrefWith, NO_BLOCK } from "@/components/backlog/filter-url";
import type { BacklogFilters } from "@/components/backlog/query-keys";
import styles from "@/components/backlog/backlog.module.css";

const label = (p: string) => (p === "NONE" ? "No priority" : PRIORITY_LABELS[p as keyof typeof PRIORITY_LABELS]);

/** Open work by block × priority, like a gap list's summary table; every count opens its list. */
export function BacklogCountsTable({
  project,
  base,
  filters,
}: {
  project: string | null;
  base: string;
  filters: BacklogFilters;
}) {
  const counts = useBacklogCounts(project, filters);
  if (counts.error) return <ErrorMessage error={counts.error} />;
  if (!counts.data) return <p className="muted">Counting…</p>;
  const { priorities, rows, totals, total } = counts.data;
  const shown = priorities.filter((p) => p !== "NONE" || totals.NONE > 0);
  const { block: _b, priority: _p, ...rest } = filters;
  const link = (block: string | null, priority?: string) =>
    hrefWith(base, {
      ...rest,
      status: rest.status ?? "NOT_DONE",
      block: block === null ? NO_BLOCK : block,
      ...(priority ? { priority } : {}),
    });
  return (
    <section className="card" aria-labelledby="counts-title">
      <h2 id="counts-title">
        {filters.status && filters.status !== "NOT_DONE"
          ? "Items by block and priority"
          : "Open items by block and priority"}
      </h2>
      {rows.length === 0 ? (
        <p className="muted">Nothing to count yet.</p>
      ) : (
        <div className="table-wrap">
          <table className={styles.counts} data-testid="backlog-counts">
            <thead>
              <tr>
                <th scope="col">Block</th>
                {shown.map((p) => (
                  <th scope="col" key={p}>
                    {label(p)}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.block ?? NO_BLOCK}>
                  <th scope="row">{r.block ?? <span className="muted">No block</span>}</th>
                  {shown.map((p) => (
                    <td key={p}>
                      {r.counts[p] ? (
                        <Link
                          href={link(r.block, p)}
                          aria-label={`${r.counts[p]} ${label(p)} in ${r.block ?? "no block"}`}
                          data-testid={`count-${r.block ?? NO_BLOCK}-${p}`}
                        >
                          {r.counts[p]}
                        </Link>
                      ) : (
                        <span className={styles.zero}>0</span>
                      )}
                    </td>
                  ))}
                  <td>
                    <Link href={link(r.block)}>{r.total}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {shown.map((p) => (
                  <td key={p}>{totals[p]}</td>
                ))}
                <td>{total}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
