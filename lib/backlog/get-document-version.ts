import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { reflowFlattened } from "@/lib/import/rst-unflatten";

export interface GetDocumentVersionOptions {
  ctx: RequestCtx;
  slug: string;
  documentId: string;
  /** A version id; the newest when omitted. */
  versionId?: string;
}

/**
 * A stored version of a document and the text its line numbers refer to: the content as imported,
 * or, for a document that arrived on one line, the same reflowed text the importer read.
 */
export async function getDocumentVersion({ ctx, slug, documentId, versionId }: GetDocumentVersionOptions) {
  const project = await resolveProject({ ctx, slug, permission: "document:read" });
  const document = await prisma.sourceDocument.findFirst({
    where: { id: documentId, projectId: project.id },
    select: {
      id: true,
      key: true,
      title: true,
      filename: true,
      versions: { orderBy: { importedAt: "desc" }, select: { id: true, importedAt: true, sha256: true } },
    },
  });
  if (!document) throw new NotFoundError("There is no such document in this project.");
  const chosen = versionId ?? document.versions[0]?.id;
  const version = chosen
    ? await prisma.documentVersion.findFirst({ where: { id: chosen, documentId: document.id } })
    : null;
  if (!version) throw new NotFoundError("There is no such version of this document.");
  const normalised = version.content.replace(/\r\n?/g, "\n");
  const text = version.reflowed ? reflowFlattened(normalised) : normalised;
  return {
    document,
    version: {
      id: version.id,
      sha256: version.sha256,
      byteSize: version.byteSize,
      format: version.format,
      reflowed: version.reflowed,
      importedAt: version.importedAt,
      stats: version.stats,
    },
    lines: text.split("\n"),
  };
}
