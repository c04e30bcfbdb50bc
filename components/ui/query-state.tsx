import type { ReactNode } from "react";
import { ErrorMessage } from "@/components/ui/error-message";

// The states of every list fed by a query: failed, loading, empty, or the rows; and the pager under it.

/** What QueryState and Pager read of a (infinite) query. */
export interface ListQuery {
  error: unknown;
  isPending: boolean;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => unknown;
}

interface QueryStateProps {
  query: ListQuery;
  /** Rows loaded so far. */
  count: number;
  /** Shown while the first page loads, e.g. "Loading controls…". */
  loading: string;
  /** Shown when the query answered with no rows. */
  empty: ReactNode;
  children: ReactNode;
}

/** The error (if any), then the loading line, the empty state, or the children. A failed load is not called empty. */
export function QueryState({ query, count, loading, empty, children }: QueryStateProps) {
  return (
    <>
      <ErrorMessage error={query.error} />
      {query.isPending ? <p className="muted">{loading}</p> : count > 0 ? children : query.error ? null : empty}
    </>
  );
}

interface PagerProps {
  query: ListQuery;
  count: number;
  /** The button that loads the next page, e.g. "Load more". */
  more: string;
  /** Said once every page is loaded, e.g. "All matching controls shown."; nothing when omitted. */
  end?: string;
  small?: boolean;
}

/** "N shown" and the next-page button, or the end line once every page is loaded. */
export function Pager({ query, count, more, end, small }: PagerProps) {
  if (!count && !query.hasNextPage) return <div className="pager" />;
  return (
    <div className="pager">
      <span>{count ? `${count} shown` : ""}</span>
      {query.hasNextPage ? (
        <LoadMoreButton query={query} label={more} small={small} />
      ) : end ? (
        <span>{end}</span>
      ) : null}
    </div>
  );
}

/** The button that loads the next page: "Loading…" while it does. */
export function LoadMoreButton({ query, label, small }: { query: ListQuery; label: string; small?: boolean }) {
  return (
    <button
      className={small ? "btn btn-small" : "btn"}
      type="button"
      onClick={() => void query.fetchNextPage?.()}
      disabled={query.isFetchingNextPage}
    >
      {query.isFetchingNextPage ? "Loading…" : label}
    </button>
  );
}
