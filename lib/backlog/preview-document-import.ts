import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { type ImportInput, documentKeyFor, loadPlan, parseUpload, planSummary } from "@/lib/backlog/import-context";
import { refusedImportEffects } from "@/lib/backlog/import-permissions";
import { mappingInUse } from "@/lib/import/saved-mapping";

export interface PreviewDocumentImportOptions extends ImportInput {
  ctx: RequestCtx;
  slug: string;
}

/** What importing the document would create, update, close, reopen or mark as removed. Writes nothing. */
export async function previewDocumentImport({ ctx, slug, ...input }: PreviewDocumentImportOptions) {
  const project = await resolveProject({ ctx, slug, permission: "document:import" });
  const inUse = await mappingInUse(prisma, project.id, input);
  const parsed = await parseUpload({ ...input, mapping: inUse.mapping });
  const key = documentKeyFor(input, parsed);
  const existing = await prisma.sourceDocument.findUnique({
    where: { projectId_key: { projectId: project.id, key } },
    select: {
      id: true,
      title: true,
      versions: { where: { sha256: parsed.sha256 }, select: { id: true, importedAt: true } },
    },
  });
  const plan = await loadPlan(prisma, project.id, existing?.id ?? null, parsed);
  return {
    project: { slug: project.slug, name: project.name },
    document: {
      key,
      exists: !!existing,
      title: existing?.title ?? parsed.title ?? key,
      sameVersionImportedAt: existing?.versions[0]?.importedAt ?? null,
    },
    ...planSummary(parsed, plan),
    // How the document was read: the reader's corrections, if any, and where they came from.
    mapping: inUse,
    sectionTitles: parsed.sections.map((s) => ({ title: s.title, level: s.level })),
    metadata: parsed.metadata,
    declaredTotals: parsed.declaredTotals,
    // Changes this person may not make (applying would be refused whole with 403).
    refused: refusedImportEffects(ctx.actor, project.id, plan),
  };
}
