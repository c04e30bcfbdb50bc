import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";

export interface ListDocumentsOptions {
  ctx: RequestCtx;
  slug: string;
}

/** The documents imported into a project, newest first, each with its versions. */
export async function listDocuments({ ctx, slug }: ListDocumentsOptions) {
  const project = await resolveProject({ ctx, slug, permission: "document:read" });
  const docs = await prisma.sourceDocument.findMany({
    where: { projectId: project.id },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      key: true,
      title: true,
      filename: true,
      format: true,
      updatedAt: true,
      versions: {
        orderBy: { importedAt: "desc" },
        select: { id: true, sha256: true, byteSize: true, importedAt: true, format: true, stats: true },
      },
      _count: { select: { backlogItems: true, runbooks: true } },
    },
  });
  return docs.map(({ _count, ...d }) => ({ ...d, items: _count.backlogItems, runbooks: _count.runbooks }));
}
