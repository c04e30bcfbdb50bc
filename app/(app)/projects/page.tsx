import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { listProjects } from "@/lib/projects/list-projects";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const ctx = await requirePermission("project:read");
  const showArchived = (await searchParams).archived === "1";
  const projects = await listProjects({ ctx, includeArchived: showArchived });
  const canCreate = can(ctx.actor, "project:create");
  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project is one system in scope. Its evidence, backlog, runbooks and readiness are tracked separately."
        actions={
          <Link className="btn" href={showArchived ? "/projects" : "/projects?archived=1"}>
            {showArchived ? "Hide archived" : "Show archived"}
          </Link>
        }
      />
      <div className="stack">
        {projects.length === 0 ? (
          <EmptyState title={showArchived ? "No projects, archived or not" : "No active projects"}>
            <p>
              {canCreate
                ? "Create the first one below: give it the name of the system you are preparing for audit."
                : "A compliance lead or admin can create projects."}
            </p>
          </EmptyState>
        ) : (
          <DataTable testId="projects-table" columns={["Name", "Description", "Created", "Status"]}>
            {projects.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/projects/${p.slug}`}>{p.name}</Link>
                  <div className="muted small mono">{p.slug}</div>
                </td>
                <td className="small">{p.description || <span className="muted">—</span>}</td>
                <td className="small">{formatDate(p.createdAt)}</td>
                <td>{p.archivedAt ? <Badge>Archived</Badge> : <Badge tone="ok">Active</Badge>}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {canCreate ? (
          <section className="card" id="new-project" aria-labelledby="new-project-title">
            <h2 id="new-project-title">New project</h2>
            <CreateProjectForm />
          </section>
        ) : null}
      </div>
    </>
  );
}
