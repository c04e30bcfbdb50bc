import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getDocumentVersion } from "@/lib/backlog/get-document-version";
import { SourceView } from "@/components/import/source-view";
import { orNotFound } from "@/lib/core/page-data";

export default async function DocumentSourcePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; documentId: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { slug, documentId } = await params;
  const { version } = await searchParams;
  const ctx = await requirePermission("document:read");
  const doc = await orNotFound(getDocumentVersion({ ctx, slug, documentId, versionId: version }));
  const latest = doc.document.versions[0]?.id === doc.version.id;
  return (
    <div className="stack">
      <div>
        <p className="breadcrumbs small">
          <Link href={`/projects/${slug}/backlog`}>Backlog</Link>
        </p>
        <h2 data-testid="document-title">{doc.document.title}</h2>
        <p className="muted small">
          {latest ? "Latest version" : "An earlier version"}, imported {formatDateTime(doc.version.importedAt)} ·{" "}
          {doc.version.format} · {doc.version.byteSize.toLocaleString("en-US")} bytes · sha256{" "}
          <span className="mono">{doc.version.sha256}</span>
        </p>
        {doc.document.versions.length > 1 ? (
          <p className="small">
            Versions:{" "}
            {doc.document.versions.map((v, n) => (
              <span key={v.id}>
                {n ? " · " : ""}
                {v.id === doc.version.id ? (
                  <strong>{formatDateTime(v.importedAt)}</strong>
                ) : (
                  <Link href={`?version=${v.id}`}>{formatDateTime(v.importedAt)}</Link>
                )}
              </span>
            ))}
          </p>
        ) : null}
      </div>
      <SourceView lines={doc.lines} reflowed={doc.version.reflowed} />
    </div>
  );
}
