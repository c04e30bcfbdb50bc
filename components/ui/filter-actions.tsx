import type { ReactNode } from "react";
import type { FilterForm } from "@/components/ui/use-filter-form";

/** The two buttons that end every filter form: apply what was chosen (the form's submit) and clear it. */
export function FilterActions({ onClear }: { onClear: () => void }) {
  return (
    <>
      <button className="btn btn-primary" type="submit">
        Apply filters
      </button>
      <button className="btn" type="button" onClick={onClear}>
        Clear
      </button>
    </>
  );
}

/** A filter form: its fields in a row, then Apply filters and Clear. */
export function FiltersForm<T extends Record<string, string | undefined>>({
  form,
  label,
  testId,
  children,
}: {
  form: FilterForm<T>;
  /** The form's accessible name, e.g. "Filter evidence". */
  label: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <form className="filters" onSubmit={form.apply} aria-label={label} data-testid={testId}>
      {children}
      <FilterActions onClear={form.clear} />
    </form>
  );
}
