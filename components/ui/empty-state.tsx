import type { ReactNode } from "react";

export function EmptyState({
  title,
  children,
  actions,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="empty" data-testid={testId ?? "empty-state"}>
      <h2>{title}</h2>
      <div>{children}</div>
      {actions ? <div className="actions">{actions}</div> : null}
    </section>
  );
}
