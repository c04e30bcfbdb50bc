import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { getProject } from "@/lib/projects/get-project";
import { FORMATS, PUSH_FORMATS } from "@/lib/ingest/formats";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkEvidenceForm, UploadEvidenceForm } from "@/components/evidence/add-evidence-forms";

export default async function AddEvidencePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("evidence:write");
  const project = await getProject({ ctx, slug });
  if (project.archivedAt) {
    return (
      <EmptyState title="This project is archived">
        <p>Archived projects take no new evidence. Restore the project in its settings to add evidence again.</p>
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <p className="small">
        <Link href={`/projects/${slug}/evidence`}>← All evidence</Link>
      </p>
      <h2>Add evidence</h2>
      <p className="muted">
        CI can push the same files without anyone clicking: see the project&apos;s tokens and docs/evidence.md.
      </p>
      <div className="grid grid-2">
        <UploadEvidenceForm slug={slug} formats={PUSH_FORMATS.map((id) => ({ id, label: FORMATS[id].label }))} />
        <LinkEvidenceForm slug={slug} />
      </div>
    </div>
  );
}
