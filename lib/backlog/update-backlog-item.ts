import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { changes, recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { ZBacklogItemUpdate, type TBacklogItemUpdate } from "@/lib/schemas/backlog";
import { checkOwner, itemInProject } from "@/lib/backlog/load-item";
import { priorityRank } from "@/lib/backlog/priority";

export interface UpdateBacklogItemOptions {
  ctx: RequestCtx;
  slug: string;
  itemId: string;
  data: TBacklogItemUpdate;
  now: Date;
}

/**
 * Edits an item. An imported item keeps the fingerprint of what was imported, so a later import of a
 * changed document sees this edit and reports a conflict instead of overwriting it.
 */
export async function updateBacklogItem({ ctx, slug, itemId, data, now }: UpdateBacklogItemOptions) {
  const input = validate(ZBacklogItemUpdate, data, "");
  return prisma.$transaction(async (tx) => {
    const { project, item } = await itemInProject(tx, ctx.actor, slug, itemId);
    assertCan(ctx.actor, "backlog:write", { projectId: project.id });
    if (input.ownerId !== undefined) await checkOwner(tx, input.ownerId);
    const status = input.status ?? item.status;
    const closedAt = status === "DONE" ? (item.status === "DONE" ? item.closedAt : now) : null;
    const after = await tx.backlogItem.update({
      where: { id: item.id },
      data: {
        title: input.title,
        block: input.block === undefined ? undefined : input.block || null,
        priority: input.priority,
        priorityRank: input.priority === undefined ? undefined : priorityRank(input.priority),
        status: input.status,
        body: input.body,
        ownerId: input.ownerId,
        affectedFiles: input.affectedFiles,
        verificationCommands: input.verificationCommands,
        closedAt,
      },
    });
    let criteriaChanged = false;
    if (input.criteria) {
      const current = await tx.acceptanceCriterion.findMany({
        where: { itemId: item.id },
        orderBy: { position: "asc" },
        select: { text: true, done: true, depth: true },
      });
      const next = input.criteria.map((c) => ({ text: c.text, done: c.done ?? false, depth: c.depth ?? 0 }));
      criteriaChanged = JSON.stringify(current) !== JSON.stringify(next);
      if (criteriaChanged) {
        await tx.acceptanceCriterion.deleteMany({ where: { itemId: item.id } });
        await tx.acceptanceCriterion.createMany({
          data: next.map((c, position) => ({ ...c, itemId: item.id, position })),
        });
      }
    }
    const diff = changes(
      {
        title: item.title,
        block: item.block,
        priority: item.priority,
        status: item.status,
        ownerId: item.ownerId,
        affectedFiles: item.affectedFiles,
        verificationCommands: item.verificationCommands,
      },
      {
        title: input.title,
        block: input.block === undefined ? undefined : input.block || null,
        priority: input.priority,
        status: input.status,
        ownerId: input.ownerId,
        affectedFiles: input.affectedFiles,
        verificationCommands: input.verificationCommands,
      },
    );
    const bodyChanged = input.body !== undefined && input.body !== item.body;
    if (Object.keys(diff.after).length || criteriaChanged || bodyChanged) {
      const action =
        diff.after.status === "DONE"
          ? "backlog-item.close"
          : diff.before.status === "DONE"
            ? "backlog-item.reopen"
            : "backlog-item.update";
      await recordActivity(tx, {
        ctx,
        action,
        entityType: "BacklogItem",
        entityId: item.id,
        projectId: project.id,
        occurredAt: now,
        summary: {
          ...diff,
          ...(criteriaChanged ? { criteriaChanged: true } : {}),
          ...(bodyChanged ? { bodyChanged: true } : {}),
        },
      });
    }
    return after;
  });
}
