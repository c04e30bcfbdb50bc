import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { itemFingerprint } from "@/lib/import/fingerprint";

export interface GetBacklogItemOptions {
  ctx: RequestCtx;
  slug: string;
  itemId: string;
}

export type BacklogItemDetail = Awaited<ReturnType<typeof getBacklogItem>>;

/** One item with everything its page shows, including its own recent history. */
export async function getBacklogItem({ ctx, slug, itemId }: GetBacklogItemOptions) {
  const project = await resolveProject({ ctx, slug, permission: "backlog:read" });
  const item = await prisma.backlogItem.findFirst({
    where: { id: itemId, projectId: project.id },
    include: {
      owner: { select: { id: true, name: true } },
      criteria: { orderBy: { position: "asc" }, select: { id: true, text: true, done: true, depth: true } },
      controls: {
        orderBy: { createdAt: "asc" },
        select: { control: { select: { id: true, key: true, title: true } } },
      },
      pullRequests: {
        orderBy: { createdAt: "asc" },
        select: {
          linkedVia: true,
          pullRequest: {
            select: {
              id: true,
              repo: true,
              number: true,
              url: true,
              title: true,
              state: true,
              detailsSource: true,
              updatedAt: true,
            },
          },
        },
      },
      document: { select: { id: true, key: true, title: true } },
      documentVersion: { select: { id: true, importedAt: true, sha256: true } },
    },
  });
  if (!item) throw new NotFoundError(`There is no backlog item ${itemId} in ${project.name}.`);
  const history = await prisma.activityEvent.findMany({
    where: { entityType: "BacklogItem", entityId: item.id },
    orderBy: { id: "desc" },
    take: 25,
    select: { id: true, occurredAt: true, actorLabel: true, action: true, summary: true },
  });
  const editedSinceImport = item.importedHash !== null && itemFingerprint(item) !== item.importedHash;
  const { importedHash: _hash, ...rest } = item;
  return {
    ...rest,
    project: { slug: project.slug, name: project.name },
    controls: item.controls.map((c) => c.control),
    pullRequests: item.pullRequests.map((p) => ({ ...p.pullRequest, linkedVia: p.linkedVia })),
    editedSinceImport,
    history,
  };
}
