import Link from "next/link";
import type { ReactNode } from "react";

export function PageHeader({
  title,
  description,
  actions,
  breadcrumbs,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: Array<{ href: string; label: string }>;
}) {
  return (
    <header className="page-header">
      <div>
        {breadcrumbs?.length ? (
          <nav className="breadcrumbs" aria-label="Breadcrumbs">
            {breadcrumbs.map((b, i) => (
              <span key={b.href}>
                {i > 0 ? " / " : ""}
                <Link href={b.href}>{b.label}</Link>
              </span>
            ))}
          </nav>
        ) : null}
        <h1>{title}</h1>
        {description ? <p>{description}</p> : null}
      </div>
      {actions ? <div className="actions">{actions}</div> : null}
    </header>
  );
}
