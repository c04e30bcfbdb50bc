import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { NavLink } from "@/components/shell/nav-link";

export interface SectionTab {
  href: string;
  label: string;
  /** Current only on this very address, not below it (the overview tab). */
  exact?: boolean;
}

/** The frame of one thing with sections (a project, an audit): its header with a badge, the section tabs, the open section. */
export function SectionLayout({
  parent,
  name,
  nameTestId,
  badge,
  description,
  tabsLabel,
  tabs,
  children,
}: {
  /** The list it belongs to, as the breadcrumb. */
  parent: { href: string; label: string };
  name: string;
  nameTestId: string;
  badge?: ReactNode;
  description?: string;
  /** The tabs' accessible name, e.g. "Project sections". */
  tabsLabel: string;
  tabs: SectionTab[];
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader
        breadcrumbs={[parent]}
        title={
          <span className="row">
            <span data-testid={nameTestId}>{name}</span>
            {badge}
          </span>
        }
        description={description}
      />
      <nav className="tabs" aria-label={tabsLabel}>
        {tabs.map((t) => (
          <NavLink key={t.href} href={t.href} exact={t.exact}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      {children}
    </>
  );
}
