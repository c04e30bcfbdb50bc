"use client";
import { useState, type FormEvent } from "react";

// The state every filter form has: what is being chosen (draft) and what is applied (filters). A field
// set to "" counts as unset. Dates from <input type="date"> can be widened to whole UTC days on apply.

type Fields = Record<string, string | undefined>;

export interface FilterForm<T extends Fields> {
  draft: T;
  filters: T;
  /** onChange for the named input or select. */
  set: (field: keyof T & string) => (e: { target: { value: string } }) => void;
  /** value and onChange of the named input or select, to spread on it. */
  bind: (field: keyof T & string) => { value: string; onChange: (e: { target: { value: string } }) => void };
  /** The form's onSubmit: applies the draft. */
  apply: (e: FormEvent) => void;
  /** Clears the draft and what is applied. */
  clear: () => void;
  /** True while any applied filter has a value. */
  isFiltered: boolean;
}

export interface FilterFormOptions<T extends Fields> {
  /** What the form starts from (default: empty). */
  initial?: T;
  /** Turns the draft into the filters to apply (e.g. widen dates, drop a field that depends on another). */
  toFilters?: (draft: T) => T;
  /** Called with the applied filters (e.g. to put them in the address) instead of keeping them in state alone. */
  onApply?: (filters: T) => void;
  onClear?: () => void;
}

export function useFilterForm<T extends Fields>(empty: T, options: FilterFormOptions<T> = {}): FilterForm<T> {
  const [draft, setDraft] = useState<T>(options.initial ?? empty);
  const [filters, setFilters] = useState<T>(options.initial ?? empty);
  const set = (field: keyof T & string) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: e.target.value || undefined }));
  return {
    draft,
    filters,
    set,
    bind: (field) => ({ value: draft[field] ?? "", onChange: set(field) }),
    apply(e) {
      e.preventDefault();
      const next = options.toFilters ? options.toFilters(draft) : draft;
      setFilters(next);
      options.onApply?.(next);
    },
    clear() {
      setDraft(empty);
      setFilters(empty);
      options.onClear?.();
    },
    isFiltered: Object.values(filters).some(Boolean),
  };
}

/** A date picker's day as the first and last instant of that UTC day. */
export function wholeDays<T extends Fields & { from?: string; to?: string }>(draft: T): T {
  return {
    ...draft,
    from: draft.from ? `${draft.from}T00:00:00.000Z` : undefined,
    to: draft.to ? `${draft.to}T23:59:59.999Z` : undefined,
  };
}
