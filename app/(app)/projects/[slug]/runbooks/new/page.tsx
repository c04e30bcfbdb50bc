import { requirePermission } from "@/lib/auth/session";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { orNotFound } from "@/lib/core/page-data";
import { CreateRunbook } from "@/components/runbooks/create-runbook";

export default async function NewRunbookPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("runbook:write");
  const project = await orNotFound(resolveProject({ ctx, slug, permission: "runbook:write" }));
  return (
    <div className="stack">
      <h2>Write a runbook</h2>
      <CreateRunbook project={project.slug} />
    </div>
  );
}
