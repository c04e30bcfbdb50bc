import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { itemInProject } from "@/lib/backlog/load-item";

export interface SetCriterionDoneOptions {
  ctx: RequestCtx;
  slug: string;
  itemId: string;
  criterionId: string;
  done: boolean;
  now: Date;
}

/** Ticks or unticks one acceptance criterion; each tick is an event in the activity trail. */
export async function setCriterionDone({ ctx, slug, itemId, criterionId, done, now }: SetCriterionDoneOptions) {
  return prisma.$transaction(async (tx) => {
    const { project, item } = await itemInProject(tx, ctx.actor, slug, itemId);
    assertCan(ctx.actor, "backlog:write", { projectId: project.id });
    const criterion = await tx.acceptanceCriterion.findFirst({ where: { id: criterionId, itemId: item.id } });
    if (!criterion)
      throw new NotFoundError(
        "That acceptance criterion is not on this item (it may have been replaced by an edit or an import).",
      );
    if (criterion.done === done) return criterion;
    const after = await tx.acceptanceCriterion.update({ where: { id: criterion.id }, data: { done } });
    await tx.backlogItem.update({ where: { id: item.id }, data: { updatedAt: now } });
    await recordActivity(tx, {
      ctx,
      action: done ? "backlog-item.criterion-tick" : "backlog-item.criterion-untick",
      entityType: "BacklogItem",
      entityId: item.id,
      projectId: project.id,
      occurredAt: now,
      summary: { criterion: criterion.text, before: { done: criterion.done }, after: { done } },
    });
    return after;
  });
}
