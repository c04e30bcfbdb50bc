import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { getProject } from "@/lib/projects/get-project";
import { Badge } from "@/components/ui/badge";
import { SectionLayout } from "@/components/shell/section-layout";
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
    <SectionLayout
      parent={{ href: "/projects", label: "Projects" }}
      name={project.name}
      nameTestId="project-name"
      badge={project.archivedAt ? <Badge>Archived</Badge> : null}
      description={project.description || undefined}
      tabsLabel="Project sections"
      tabs={tabs}
    >
      {children}
    </SectionLayout>
  );
}
