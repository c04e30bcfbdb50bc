import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { changes, recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { ZPullRequestUpdate } from "@/lib/schemas/backlog";
import { resolveProject } from "@/lib/core/access/resolve-project";

export interface UpdatePullRequestOptions {
  ctx: RequestCtx;
  slug: string;
  pullRequestId: string;
  data: { title?: string; state?: "open" | "closed" | "merged" | "unknown" };
  now: Date;
}

/** Corrects the title or state typed for a pull request. Details that came from GitHub are not edited by hand. */
export async function updatePullRequest({ ctx, slug, pullRequestId, data, now }: UpdatePullRequestOptions) {
  const input = validate(ZPullRequestUpdate, data, "");
  return prisma.$transaction(async (tx) => {
    const project = await resolveProject({ ctx, slug, permission: "backlog:write", db: tx });
    const pr = await tx.pullRequest.findFirst({ where: { id: pullRequestId, projectId: project.id } });
    if (!pr) throw new NotFoundError("There is no such pull request in this project.");
    if (pr.detailsSource !== "manual")
      throw new ConflictError("This pull request's title and state come from GitHub; they are updated from there.");
    const after = await tx.pullRequest.update({
      where: { id: pr.id },
      data: { title: input.title, state: input.state, updatedAt: now },
    });
    const diff = changes({ title: pr.title, state: pr.state }, { title: input.title, state: input.state });
    if (Object.keys(diff.after).length) {
      await recordActivity(tx, {
        ctx,
        action: "pull-request.update",
        entityType: "PullRequest",
        entityId: pr.id,
        projectId: project.id,
        occurredAt: now,
        summary: { pullRequest: `${pr.repo}#${pr.number}`, ...diff },
      });
    }
    return after;
  });
}
