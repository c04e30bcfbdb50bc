"use client";
import type { ReactNode } from "react";

// The small button of a row or list item that runs one mutation on it (unlink, remove, revoke), disabled
// while that mutation runs.

export interface RowMutation<V> {
  mutate: (value: V, options?: { onSuccess?: () => void }) => void;
  isPending: boolean;
}

export function RowAction<V>({
  action,
  value,
  name,
  danger,
  onSuccess,
  children,
}: {
  action: RowMutation<V>;
  /** What the mutation is given: the row's id or key. */
  value: V;
  /** The accessible name when the visible label alone is ambiguous, e.g. "Unlink AC-01". */
  name?: string;
  /** Red: the action takes something away that cannot simply be put back. */
  danger?: boolean;
  onSuccess?: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={danger ? "btn btn-small btn-danger" : "btn btn-small"}
      disabled={action.isPending}
      onClick={() => action.mutate(value, onSuccess ? { onSuccess } : undefined)}
      aria-label={name}
    >
      {children}
    </button>
  );
}
