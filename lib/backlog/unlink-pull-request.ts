import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { itemInProject } from "@/lib/backlog/load-item";

export interface UnlinkPullRequestOptions {
  ctx: RequestCtx;
  slug: string;
  itemId: string;
  pullRequestId: string;
  now: Date;
}

/** Removes the link; the pull request itself stays known to the project (other items may link it). */
export async function unlinkPullRequest({ ctx, slug, itemId, pullRequestId, now }: UnlinkPullRequestOptions) {
  return prisma.$transaction(async (tx) => {
    const { project, item } = await itemInProject(tx, ctx.actor, slug, itemId);
    assertCan(ctx.actor, "backlog:write", { projectId: project.id });
    const link = await tx.backlogItemPullRequest.findUnique({
      where: { itemId_pullRequestId: { itemId: item.id, pullRequestId } },
      include: { pullRequest: true },
    });
    if (!link) throw new NotFoundError("That pull request is not linked to this item.");
    await tx.backlogItemPullRequest.delete({ where: { itemId_pullRequestId: { itemId: item.id, pullRequestId } } });
    await recordActivity(tx, {
      ctx,
      action: "backlog-item.unlink-pull-request",
      entityType: "BacklogItem",
      entityId: item.id,
      projectId: project.id,
      occurredAt: now,
      summary: { pullRequest: `${link.pullRequest.repo}#${link.pullRequest.number}` },
    });
    return { unlinked: pullRequestId };
  });
}
