import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError } from "@/lib/errors";
import { itemInProject } from "@/lib/backlog/load-item";
import { findControl } from "@/lib/backlog/find-control";

export interface LinkItemControlOptions {
  ctx: RequestCtx;
  slug: string;
  itemId: string;
  control: string;
  now: Date;
}

/** Says which control an item's work serves (a restore-drill item and the backup control, say). */
export async function linkItemControl({ ctx, slug, itemId, control: ref, now }: LinkItemControlOptions) {
  return prisma.$transaction(async (tx) => {
    const { project, item } = await itemInProject(tx, ctx.actor, slug, itemId);
    assertCan(ctx.actor, "backlog:write", { projectId: project.id });
    const control = await findControl(tx, ref);
    if (control.archivedAt) throw new ConflictError(`${control.key} is archived; link a current control.`);
    const existing = await tx.backlogItemControl.findUnique({
      where: { itemId_controlId: { itemId: item.id, controlId: control.id } },
    });
    if (existing) return { key: control.key, title: control.title, linked: false };
    await tx.backlogItemControl.create({ data: { itemId: item.id, controlId: control.id, createdAt: now } });
    await recordActivity(tx, {
      ctx,
      action: "backlog-item.link-control",
      entityType: "BacklogItem",
      entityId: item.id,
      projectId: project.id,
      occurredAt: now,
      summary: { control: control.key },
    });
    return { key: control.key, title: control.title, linked: true };
  });
}
