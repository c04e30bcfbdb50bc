import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { getProject } from "@/lib/projects/get-project";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { NavLink } from "@/components/shell/nav-link";
import { orNotFound } from "@/lib/core/page-data";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const ctx = await requirePermission("project:read");
  const project = await orNotFound(getProject({ ctx, slug }));
  const base = `/projects/${project.slug}`;
  const tabs = [
    { href: base, label: "Overview", exact: true },
    { href: `${base}/readiness`, label: "Readiness" },
    { href: `${base}/controls`, label: "Controls" },
    { href: `${base}/evidence`, label: "Evidence" },
    { href: `${base}/backlog`, label: "Backlog" },
    { href: `${base}/runbooks`, label: "Runbooks" },
    ...(can(ctx.actor, "project:update") ? [{ href: `${base}/settings`, label: "Settings" }] : []),
  ];
  return (
    <>
      <PageHeader
        breadcrumbs={[{ href: "/projects", label: "Projects" }]}
        title={
          <span className="row">
            <span data-testid="project-name">{project.name}</span>
            {project.archivedAt ? <Badge>Archived</Badge> : null}
          </span>
        }
        description={project.description || undefined}
      />
      <nav className="tabs" aria-label="Project sections">
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
