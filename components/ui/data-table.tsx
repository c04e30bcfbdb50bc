import type { ReactNode } from "react";

// Every table of rows: the scrolling frame, an optional caption for screen readers, the column headers
// and the rows. A column can be left out by passing null or false in its place.

export interface ColumnSpec {
  label: ReactNode;
  className?: string;
  /** Read by screen readers only (e.g. the column of row actions). */
  srOnly?: boolean;
  /** The column the rows are sorted by. */
  ariaSort?: "ascending" | "descending";
}

export type Column = string | ColumnSpec | null | false | undefined;

export function DataTable({
  columns,
  caption,
  testId,
  children,
  after,
}: {
  columns: Column[];
  /** Said to screen readers before the table. */
  caption?: string;
  testId?: string;
  /** The rows (<tr>). */
  children: ReactNode;
  /** Shown inside the frame, under the table (e.g. how many rows were left out). */
  after?: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c, i) => {
              if (!c) return null;
              const spec = typeof c === "string" ? { label: c } : c;
              return (
                <th key={i} scope="col" className={spec.className} aria-sort={spec.ariaSort}>
                  {spec.srOnly ? <span className="sr-only">{spec.label}</span> : spec.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {after}
    </div>
  );
}

/** The header of the column of row buttons, read by screen readers only. */
export const ACTIONS_COLUMN: ColumnSpec = { label: "Actions", srOnly: true };
