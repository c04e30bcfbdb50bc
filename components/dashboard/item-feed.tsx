"use client";
import type { ReactNode } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { LoadMoreButton, type ListQuery } from "@/components/ui/query-state";

// A dashboard card's list of things to act on, fed by an infinite query: its failure, loading line or
// empty sentence, else the items and "Show more".

interface FeedQuery<T> extends ListQuery {
  data?: { pages: Array<{ items: T[] }> };
}

export function ItemFeed<T>({
  query,
  loading,
  empty,
  intro,
  testId,
  children,
}: {
  query: FeedQuery<T>;
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
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
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
