import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { itemInProject } from "@/lib/backlog/load-item";
import { findControl } from "@/lib/backlog/find-control";

export interface UnlinkItemControlOptions {
  ctx: RequestCtx;
  slug: string;
  itemId: string;
  control: string;
  now: Date;
}

export async function unlinkItemControl({ ctx, slug, itemId, control: ref, now }: UnlinkItemControlOptions) {
  return prisma.$transaction(async (tx) => {
    const { project, item } = await itemInProject(tx, ctx.actor, slug, itemId);
    assertCan(ctx.actor, "backlog:write", { projectId: project.id });
    const control = await findControl(tx, ref);
    const removed = await tx.backlogItemControl.deleteMany({ where: { itemId: item.id, controlId: control.id } });
    if (!removed.count) throw new NotFoundError(`${control.key} is not linked to this item.`);
    await recordActivity(tx, {
      ctx,
      action: "backlog-item.unlink-control",
      entityType: "BacklogItem",
      entityId: item.id,
      projectId: project.id,
      occurredAt: now,
      summary: { control: control.key },
    });
    return { unlinked: control.key };
  });
}
