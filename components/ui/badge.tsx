import type { ReactNode } from "react";

export type Tone = "ok" | "warn" | "bad" | "info" | "accent" | "muted";

export function Badge({ tone = "muted", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={tone === "muted" ? "badge" : `badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
