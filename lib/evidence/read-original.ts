import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { openBlob } from "@/lib/core/storage/blob-store";
import { evidenceScopeWhere } from "@/lib/core/access/auditor-scope";

export interface ReadOriginalOptions {
  ctx: RequestCtx;
  projectSlug: string;
  evidenceId: string;
}

/** The original bytes of an evidence, with what a download needs to name and type them. */
export async function readOriginal({ ctx, projectSlug, evidenceId }: ReadOriginalOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence:read" });
  // Auditors: only originals of evidence inside their granted audits' windows (lib/core/access/auditor-scope.ts).
  const evidence = await prisma.evidence.findFirst({
    where: { AND: [{ id: evidenceId, projectId: project.id }, await evidenceScopeWhere(ctx.actor)] },
    select: { id: true, sha256: true, format: true, originalName: true },
  });
  if (!evidence) throw new NotFoundError(`Project "${projectSlug}" has no evidence ${evidenceId}.`);
  if (!evidence.sha256)
    throw new NotFoundError("This evidence has no stored original (it is a link or a recorded event).");
  const blob = await openBlob(evidence.sha256);
  if (!blob) throw new NotFoundError(`The original (sha256 ${evidence.sha256}) is missing from the blob store.`);
  const ext =
    { junit: "xml", "audit-log": "jsonl", "yarn-audit": "jsonl" }[evidence.format] ??
    (evidence.format === "manual" || evidence.format === "vendor-report" ? "bin" : "json");
  return {
    ...blob,
    sha256: evidence.sha256,
    filename: (evidence.originalName ?? `${evidence.format}-${evidence.id}.${ext}`).replace(/[^\w.@+-]+/g, "_"),
  };
}
