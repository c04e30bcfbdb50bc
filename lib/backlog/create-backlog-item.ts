import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { ConflictError } from "@/lib/errors";
import { ZBacklogItemCreate, type TBacklogItemCreate } from "@/lib/schemas/backlog";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { checkOwner } from "@/lib/backlog/load-item";
import { priorityRank } from "@/lib/backlog/priority";

export interface CreateBacklogItemOptions {
  ctx: RequestCtx;
  slug: string;
  data: TBacklogItemCreate;
  now: Date;
}

/** Adds an item by hand (not from a document). */
export async function createBacklogItem({ ctx, slug, data, now }: CreateBacklogItemOptions) {
  const input = validate(ZBacklogItemCreate, data, "");
  return prisma.$transaction(async (tx) => {
    const project = await resolveProject({ ctx, slug, permission: "backlog:write", db: tx });
    if (
      input.key &&
      (await tx.backlogItem.findUnique({
        where: { projectId_key: { projectId: project.id, key: input.key } },
        select: { id: true },
      }))
    ) {
      throw new ConflictError(`${project.name} already has an item ${input.key}; choose another key.`);
    }
    await checkOwner(tx, input.ownerId);
    const item = await tx.backlogItem.create({
      data: {
        projectId: project.id,
        key: input.key ?? null,
        title: input.title,
        block: input.block || null,
        priority: input.priority ?? null,
        priorityRank: priorityRank(input.priority),
        status: input.status,
        body: input.body,
        ownerId: input.ownerId ?? null,
        affectedFiles: input.affectedFiles,
        verificationCommands: input.verificationCommands,
        closedAt: input.status === "DONE" ? now : null,
        createdAt: now,
        criteria: { create: input.criteria.map((c, position) => ({ ...c, position })) },
      },
    });
    await recordActivity(tx, {
      ctx,
      action: "backlog-item.create",
      entityType: "BacklogItem",
      entityId: item.id,
      projectId: project.id,
      occurredAt: now,
      summary: {
        via: "hand",
        after: { key: item.key, title: item.title, block: item.block, priority: item.priority, status: item.status },
      },
    });
    return item;
  });
}
