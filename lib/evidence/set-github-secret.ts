import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { projectFor } from "@/lib/evidence/project-scope";

export interface SetGithubSecretOptions {
  ctx: RequestCtx;
  projectSlug: string;
}

/**
 * Creates (or replaces) the project's GitHub webhook secret and returns it once, to paste into the
 * webhook's settings in GitHub. It is kept as is (GitHub signs with it, so it cannot be hashed).
 */
export async function setGithubSecret({ ctx, projectSlug }: SetGithubSecretOptions) {
  const project = await projectFor(ctx, projectSlug, "token:manage", { write: true });
  const secret = randomBytes(32).toString("hex");
  return prisma.$transaction(async (tx) => {
    const before = await tx.githubIntegration.findUnique({ where: { projectId: project.id }, select: { projectId: true } });
    await tx.githubIntegration.upsert({ where: { projectId: project.id }, update: { webhookSecret: secret }, create: { projectId: project.id, webhookSecret: secret } });
    await recordActivity(tx, { ctx, action: before ? "github_secret.rotate" : "github_secret.create", entityType: "GithubIntegration", entityId: project.id, projectId: project.id });
    return { secret, webhookUrl: `/api/v1/projects/${project.slug}/github` };
  });
}
