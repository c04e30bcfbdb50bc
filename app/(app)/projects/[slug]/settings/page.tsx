import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { getProject } from "@/lib/projects/get-project";
import { ProjectSettingsForm } from "@/components/projects/project-settings-form";

export default async function ProjectSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("project:update");
  const project = await getProject({ ctx, slug });
  return (
    <div className="stack">
      <ProjectSettingsForm
        project={{
          slug: project.slug,
          name: project.name,
          description: project.description,
          archived: project.archivedAt !== null,
        }}
        canArchive={can(ctx.actor, "project:archive")}
      />
      {can(ctx.actor, "token:manage") ? (
        <section className="card" aria-labelledby="integrations-title">
          <h2 id="integrations-title">Tokens and integrations</h2>
          <p className="muted">
            Project tokens let CI push evidence and check readiness; the GitHub webhook secret verifies pull request and
            workflow events.
          </p>
          <Link className="btn" href={`/projects/${project.slug}/settings/tokens`}>
            Manage tokens and the GitHub webhook
          </Link>
        </section>
      ) : null}
    </div>
  );
}
