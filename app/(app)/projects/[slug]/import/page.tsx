import { requirePermission } from "@/lib/auth/session";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { orNotFound } from "@/lib/core/page-data";
import { listDocuments } from "@/lib/backlog/list-documents";
import { ImportFlow } from "@/components/import/import-flow";
import { DocumentsList } from "@/components/import/documents-list";
import { importMaxBytes } from "@/lib/limits";

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("document:import");
  const project = await orNotFound(resolveProject({ ctx, slug, permission: "document:import" }));
  const documents = await listDocuments({ ctx, slug: project.slug });
  return (
    <div className="stack">
      <div>
        <h2>Import a readiness document</h2>
        <p className="muted">
          Bring in the backlog, gap list, hardening checklist or runbook your team already keeps, as it is. Proofline
          shows what it found before saving anything; importing a later version updates the same items instead of
          duplicating them.
        </p>
      </div>
      <ImportFlow
        project={project.slug}
        documents={documents.map((d) => ({ key: d.key, title: d.title }))}
        maxBytes={importMaxBytes()}
      />
      <section className="stack" aria-labelledby="docs-title">
        <h2 id="docs-title">Imported documents</h2>
        <DocumentsList project={project.slug} documents={documents} />
      </section>
    </div>
  );
}
