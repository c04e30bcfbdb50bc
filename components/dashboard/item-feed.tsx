"use client";
import type { ReactNode } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { LoadMoreButton } from "@/components/ui/query-state";
import { loadedRows, type PagedQuery } from "@/components/ui/query-table";

// A dashboard card's list of things to act on, fed by an infinite query: its failure, loading line or
// empty sentence, else the items and "Show more".

export function ItemFeed<T>({
  query,
  loading,
  empty,
  intro,
  testId,
  children,
}: {
  query: PagedQuery<T>;
  /** Shown while the first page loads. */
  loading: string;
  /** Said when there is nothing to list. */
  empty: ReactNode;
  /** Said above the items. */
  intro?: ReactNode;
  testId: string;
  /** One <FeedItem> per row. */
  children: (row: T) => ReactNode;
}) {
  const rows = loadedRows(query);
  if (query.error) return <ErrorMessage error={query.error} />;
  if (query.isPending) return <p className="muted">{loading}</p>;
  if (!rows.length) return <>{empty}</>;
  return (
    <div className="stack">
      {intro}
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid={testId}>
        {rows.map(children)}
      </ul>
      {query.hasNextPage ? <LoadMoreButton query={query} label="Show more" small /> : null}
    </div>
  );
}

export function FeedItem({ children }: { children: ReactNode }) {
  return <li style={{ padding: "0.35rem 0", borderBottom: "1px solid var(--border)" }}>{children}</li>;
}
