import { requirePermission } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/actor";
import { projectBySlug } from "@/lib/backlog/scope";
import { CreateRunbook } from "@/components/runbooks/create-runbook";

export default async function NewRunbookPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("runbook:write");
  const project = await projectBySlug(ctx.actor, slug);
  assertCan(ctx.actor, "runbook:write", { projectId: project.id });
  return (
    <div className="stack">
      <h2>Write a runbook</h2>
      <CreateRunbook project={project.slug} />
    </div>
  );
}
