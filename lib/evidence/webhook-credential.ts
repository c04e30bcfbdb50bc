import { prisma, type Tx } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { resolveProject } from "@/lib/core/access/resolve-project";

/** Where each provider's webhook credential is kept, and how its trail names it. */
const PROVIDERS = {
  github: {
    entityType: "GithubIntegration",
    action: "github_secret",
    exists: (tx: Tx, projectId: string) => tx.githubIntegration.count({ where: { projectId } }),
    store: (tx: Tx, projectId: string, stored: string) =>
      tx.githubIntegration.upsert({
        where: { projectId },
        update: { webhookSecret: stored },
        create: { projectId, webhookSecret: stored },
      }),
  },
  gitlab: {
    entityType: "GitlabIntegration",
    action: "gitlab_token",
    exists: (tx: Tx, projectId: string) => tx.gitlabIntegration.count({ where: { projectId } }),
    store: (tx: Tx, projectId: string, stored: string) =>
      tx.gitlabIntegration.upsert({
        where: { projectId },
        update: { tokenHash: stored },
        create: { projectId, tokenHash: stored },
      }),
  },
} as const;

export interface ReplaceWebhookCredentialOptions {
  ctx: RequestCtx;
  projectSlug: string;
  provider: keyof typeof PROVIDERS;
  /** The new credential for the project, and what is kept of it (sealed, or its hash). */
  issue: (projectId: string) => { credential: string; stored: string };
}

/**
 * Creates (or replaces) a project's webhook credential for one provider, recorded as a creation or a
 * rotation; returns the credential once, with the webhook's path to paste into the provider's settings.
 */
export async function replaceWebhookCredential({ ctx, projectSlug, provider, issue }: ReplaceWebhookCredentialOptions) {
  const project = await resolveProject({
    ctx,
    slug: projectSlug,
    permission: "token:manage",
    write: "adding evidence",
  });
  const { credential, stored } = issue(project.id);
  const p = PROVIDERS[provider];
  return prisma.$transaction(async (tx) => {
    const existed = (await p.exists(tx, project.id)) > 0;
    await p.store(tx, project.id, stored);
    await recordActivity(tx, {
      ctx,
      action: `${p.action}.${existed ? "rotate" : "create"}`,
      entityType: p.entityType,
      entityId: project.id,
      projectId: project.id,
    });
    return { credential, webhookUrl: `/api/v1/projects/${project.slug}/${provider}` };
  });
}
