import { requirePermission } from "@/lib/auth/session";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { orNotFound } from "@/lib/core/page-data";
import { CreateItem } from "@/components/backlog/create-item";

export default async function NewBacklogItemPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("backlog:write");
  const project = await orNotFound(resolveProject({ ctx, slug, permission: "backlog:write" }));
  return (
    <div className="stack">
      <h2>Add a backlog item</h2>
      <p className="muted">
        For work that is not in an imported document. Items from documents are better imported, so that re-imports keep
        them in step.
      </p>
      <CreateItem project={project.slug} />
    </div>
  );
}
