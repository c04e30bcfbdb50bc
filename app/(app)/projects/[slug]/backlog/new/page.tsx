import { requirePermission } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/actor";
import { projectBySlug } from "@/lib/backlog/scope";
import { CreateItem } from "@/components/backlog/create-item";

export default async function NewBacklogItemPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("backlog:write");
  const project = await projectBySlug(ctx.actor, slug);
  assertCan(ctx.actor, "backlog:write", { projectId: project.id });
  return (
    <div className="stack">
      <h2>Add a backlog item</h2>
      <p className="muted">For work that is not in an imported document. Items from documents are better imported, so that re-imports keep them in step.</p>
      <CreateItem project={project.slug} />
    </div>
  );
}
