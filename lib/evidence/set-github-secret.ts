import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { githubSecretContext } from "@/lib/secrets/stored-secrets";
import { sealSecret } from "@/lib/secret-box";

export interface SetGithubSecretOptions {
  ctx: RequestCtx;
  projectSlug: string;
}

/**
 * Creates (or replaces) the project's GitHub webhook secret and returns it once, to paste into the
 * webhook's settings in GitHub. GitHub signs with it, so it cannot be hashed: it is stored sealed
 * (lib/secret-box.ts, AES-256-GCM with SECRETS_KEY).
 */
export async function setGithubSecret({ ctx, projectSlug }: SetGithubSecretOptions) {
  const project = await resolveProject({
    ctx,
    slug: projectSlug,
    permission: "token:manage",
    write: "adding evidence",
  });
  const secret = randomBytes(32).toString("hex");
  const sealed = sealSecret(secret, githubSecretContext(project.id));
  return prisma.$transaction(async (tx) => {
    const before = await tx.githubIntegration.findUnique({
      where: { projectId: project.id },
      select: { projectId: true },
    });
    await tx.githubIntegration.upsert({
      where: { projectId: project.id },
      update: { webhookSecret: sealed },
      create: { projectId: project.id, webhookSecret: sealed },
    });
    await recordActivity(tx, {
      ctx,
      action: before ? "github_secret.rotate" : "github_secret.create",
      entityType: "GithubIntegration",
      entityId: project.id,
      projectId: project.id,
    });
    return { secret, webhookUrl: `/api/v1/projects/${project.slug}/github` };
  });
}
