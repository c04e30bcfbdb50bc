import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";

// Small building blocks for evidence summaries: numbers, safe links and count tables (key-value lists: components/ui/key-values.tsx).

export type Summary = Record<string, unknown>;

export const num = (v: unknown) =>
  typeof v === "number" ? v.toLocaleString("en-US") : typeof v === "string" ? v : "—";
/** Only http(s) links from parsed files become links; anything else is shown as text. */
export const safeHref = (v: unknown): string | undefined =>
  typeof v === "string" && /^https?:\/\//i.test(v) ? v : undefined;
/** An address from a parsed file: a link when it is http(s), else the text. */
export function SafeLink({ href }: { href: string }) {
  return safeHref(href) ? <a href={href}>{href}</a> : <>{href}</>;
}
export const str = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));

export function Stats({ items }: { items: Array<[string, unknown]> }) {
  return (
    <div className="grid grid-3">
      {items.map(([label, value]) => (
        <div key={label} className="card">
          <div className="stat">{num(value)}</div>
          <div className="stat-label">{label}</div>
        </div>
      ))}
    </div>
  );
}

export function CountTable({ caption, rows, keyLabel }: { caption: string; rows: unknown; keyLabel: string }) {
  const list = Array.isArray(rows) ? (rows as Array<{ key?: string; name?: string; count: number }>) : [];
  if (!list.length) return null;
  return (
    <DataTable caption={caption} columns={[keyLabel, "Count"]}>
      {list.map((r) => (
        <tr key={r.key ?? r.name}>
          <td>{r.key ?? r.name}</td>
          <td>{num(r.count)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="stack" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function Omitted({ count, what }: { count: unknown; what: string }) {
  return typeof count === "number" && count > 0 ? (
    <p className="small muted">
      {count.toLocaleString("en-US")} more {what} not listed here; download the original for all of them.
    </p>
  ) : null;
}
