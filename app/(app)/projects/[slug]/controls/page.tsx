import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { getProject } from "@/lib/projects/get-project";
import { controlFacets } from "@/lib/controls/control-facets";
import { listProjectFrameworks } from "@/lib/catalogue/list-project-frameworks";
import { EmptyState } from "@/components/ui/empty-state";
import { ProjectControls } from "@/components/controls/project-controls";
import { ProjectFrameworksForm } from "@/components/controls/project-frameworks-form";

export default async function ProjectControlsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("control:read");
  const project = await getProject({ ctx, slug });
  const facets = await controlFacets({ ctx });
  const selected = await listProjectFrameworks({ ctx, projectId: project.id });
  const canChoose = can(ctx.actor, "project:update");
  const names = Object.fromEntries(facets.frameworks.map((f) => [f.key, f.name]));
  return (
    <div className="stack">
      {canChoose ? (
        <section className="card">
          <ProjectFrameworksForm slug={project.slug} all={facets.frameworks} selected={selected} />
        </section>
      ) : (
        <p className="small muted">
          Assessed against: {selected.length ? selected.map((k) => names[k] ?? k).join(", ") : "no framework yet"}.
        </p>
      )}
      {selected.length === 0 ? (
        <EmptyState title="No controls apply yet" testId="controls-empty">
          <p>
            A project&rsquo;s controls are the library controls mapped to the frameworks it is assessed against.{" "}
            {canChoose
              ? "Choose SOC 2, GDPR, IRB or a custom framework above and they will be listed here."
              : "A compliance lead or admin chooses them."}
          </p>
        </EmptyState>
      ) : (
        <ProjectControls
          slug={project.slug}
          canApply={can(ctx.actor, "control:applicability")}
          frameworkNames={names}
        />
      )}
    </div>
  );
}
