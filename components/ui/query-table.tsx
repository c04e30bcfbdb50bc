import type { ReactNode } from "react";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Pager, QueryState, type ListQuery } from "@/components/ui/query-state";

// A table fed by an infinite query, a page at a time: its failure, loading line or empty state, else the
// rows in a <DataTable>; then the pager under it.

/** An infinite query whose pages each hold a list of items. */
export interface PagedQuery<T> extends ListQuery {
  data?: { pages: Array<{ items: T[] }> };
}

/** The items of every page loaded so far, in order. */
export function loadedRows<T>(query: PagedQuery<T>): T[] {
  return query.data?.pages.flatMap((p) => p.items) ?? [];
}

interface PagerSpec {
  /** The button that loads the next page, e.g. "Load more". */
  more: string;
  /** Said once every page is loaded; nothing when omitted. */
  end?: string;
  small?: boolean;
  /** Show the pager only while another page remains (no "N shown" once all are loaded). */
  whileMore?: boolean;
}

export function QueryTable<T>({
  query,
  loading,
  empty,
  columns,
  caption,
  testId,
  pager: { whileMore, ...pager },
  children,
}: {
  query: PagedQuery<T>;
  /** Shown while the first page loads, e.g. "Loading controls…". */
  loading: string;
  /** Shown when the query answered with no rows (an <EmptyState>). */
  empty: ReactNode;
  columns: Column[];
  /** Said to screen readers before the table. */
  caption?: string;
  testId: string;
  pager: PagerSpec;
  /** One <tr> (with its key) per row. */
  children: (row: T) => ReactNode;
}) {
  const rows = loadedRows(query);
  return (
    <>
      <QueryState query={query} count={rows.length} loading={loading} empty={empty}>
        <DataTable testId={testId} caption={caption} columns={columns}>
          {rows.map((row) => children(row))}
        </DataTable>
      </QueryState>
      {whileMore && !query.hasNextPage ? null : <Pager query={query} count={rows.length} {...pager} />}
    </>
  );
}
