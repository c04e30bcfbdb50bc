import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";

export interface ListTokensOptions {
  ctx: RequestCtx;
  projectSlug: string;
}

/** A project's tokens, newest first (never the secret or its hash), and whether its GitHub webhook is set up. */
export async function listTokens({ ctx, projectSlug }: ListTokensOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "token:read" });
  const tokens = await prisma.apiToken.findMany({
    where: { projectId: project.id },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdById: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  const github = await prisma.githubIntegration.findUnique({
    where: { projectId: project.id },
    select: { createdAt: true, updatedAt: true },
  });
  const creators = await prisma.user.findMany({
    where: { id: { in: tokens.map((t) => t.createdById).filter((x): x is string => !!x) } },
    select: { id: true, name: true },
  });
  const name = new Map(creators.map((u) => [u.id, u.name]));
  return {
    items: tokens.map(({ createdById, ...t }) => ({
      ...t,
      createdBy: createdById ? (name.get(createdById) ?? null) : "server (CLI)",
    })),
    github: github ? { configured: true, since: github.createdAt, rotatedAt: github.updatedAt } : { configured: false },
  };
}
