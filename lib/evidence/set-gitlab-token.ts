import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { hashGitlabToken } from "@/lib/evidence/handle-gitlab-webhook";

export interface SetGitlabTokenOptions {
  ctx: RequestCtx;
  projectSlug: string;
}

/**
 * Creates (or replaces) the project's GitLab webhook token and returns it once, to paste into the
 * webhook's "Secret token" in GitLab. GitLab sends it back as it is (X-Gitlab-Token), so only its
 * SHA-256 is kept.
 */
export async function setGitlabToken({ ctx, projectSlug }: SetGitlabTokenOptions) {
  const project = await resolveProject({
    ctx,
    slug: projectSlug,
    permission: "token:manage",
    write: "adding evidence",
  });
  const token = `plgl_${randomBytes(32).toString("base64url")}`;
  const tokenHash = hashGitlabToken(token).toString("hex");
  return prisma.$transaction(async (tx) => {
    const before = await tx.gitlabIntegration.findUnique({
      where: { projectId: project.id },
      select: { projectId: true },
    });
    await tx.gitlabIntegration.upsert({
      where: { projectId: project.id },
      update: { tokenHash },
      create: { projectId: project.id, tokenHash },
    });
    await recordActivity(tx, {
      ctx,
      action: before ? "gitlab_token.rotate" : "gitlab_token.create",
      entityType: "GitlabIntegration",
      entityId: project.id,
      projectId: project.id,
    });
    return { token, webhookUrl: `/api/v1/projects/${project.slug}/gitlab` };
  });
}
