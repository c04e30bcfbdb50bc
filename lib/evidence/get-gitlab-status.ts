import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";

export interface GetGitlabStatusOptions {
  ctx: RequestCtx;
  projectSlug: string;
}

/** Whether the project's GitLab webhook token is set, and since when (never the token: only its hash is kept). */
export async function getGitlabStatus({ ctx, projectSlug }: GetGitlabStatusOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "token:read" });
  const row = await prisma.gitlabIntegration.findUnique({
    where: { projectId: project.id },
    select: { createdAt: true, updatedAt: true },
  });
  return { configured: !!row, since: row?.createdAt ?? null, rotatedAt: row?.updatedAt ?? null };
}
