import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { GITHUB_PR_URL, ZPullRequestLink, type TPullRequestLink } from "@/lib/schemas/backlog";
import { itemInProject } from "@/lib/backlog/load-item";

export interface LinkPullRequestOptions {
  ctx: RequestCtx;
  slug: string;
  itemId: string;
  data: TPullRequestLink;
  now: Date;
}

/** "https://github.com/acme/api/pull/42" -> acme/api #42 (the canonical address, without trailing parts). */
export function parsePullRequestUrl(url: string): { repo: string; number: number; url: string } | null {
  const m = GITHUB_PR_URL.exec(url.trim());
  if (!m) return null;
  const repo = `${m[1]}/${m[2]}`;
  return { repo, number: Number(m[3]), url: `https://github.com/${repo}/pull/${m[3]}` };
}

/**
 * Links a GitHub pull request by its address. Proofline cannot reach GitHub here, so the title and
 * state are what the person linking typed (recorded as such); webhooks fill them in later.
 */
export async function linkPullRequest({ ctx, slug, itemId, data, now }: LinkPullRequestOptions) {
  const input = validate(ZPullRequestLink, data, "");
  const ref = parsePullRequestUrl(input.url)!;
  return prisma.$transaction(async (tx) => {
    const { project, item } = await itemInProject(tx, ctx.actor, slug, itemId);
    assertCan(ctx.actor, "backlog:write", { projectId: project.id });
    let pr = await tx.pullRequest.findUnique({
      where: { projectId_repo_number: { projectId: project.id, repo: ref.repo, number: ref.number } },
    });
    if (!pr) {
      pr = await tx.pullRequest.create({
        data: {
          projectId: project.id,
          repo: ref.repo,
          number: ref.number,
          url: ref.url,
          title: input.title,
          state: input.state,
          detailsSource: "manual",
          createdAt: now,
        },
      });
    } else if (
      pr.detailsSource === "manual" &&
      ((input.title && input.title !== pr.title) || (input.state !== "unknown" && input.state !== pr.state))
    ) {
      pr = await tx.pullRequest.update({
        where: { id: pr.id },
        data: { title: input.title || pr.title, state: input.state === "unknown" ? pr.state : input.state },
      });
    }
    const link = await tx.backlogItemPullRequest.findUnique({
      where: { itemId_pullRequestId: { itemId: item.id, pullRequestId: pr.id } },
    });
    if (!link) {
      await tx.backlogItemPullRequest.create({
        data: { itemId: item.id, pullRequestId: pr.id, linkedVia: "manual", createdAt: now },
      });
      await recordActivity(tx, {
        ctx,
        action: "backlog-item.link-pull-request",
        entityType: "BacklogItem",
        entityId: item.id,
        projectId: project.id,
        occurredAt: now,
        summary: { pullRequest: `${pr.repo}#${pr.number}`, title: pr.title, state: pr.state },
      });
    }
    return { ...pr, linked: !link };
  });
}
