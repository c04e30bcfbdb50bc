import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";

export interface RevokeTokenOptions {
  ctx: RequestCtx;
  projectSlug: string;
  tokenId: string;
  now: Date;
}

/** Revokes a token at once; revoking twice keeps the first time. */
export async function revokeToken({ ctx, projectSlug, tokenId, now }: RevokeTokenOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "token:manage" });
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, projectId: project.id },
      select: { id: true, name: true, revokedAt: true },
    });
    if (!token) throw new NotFoundError(`Project "${projectSlug}" has no token ${tokenId}.`);
    if (token.revokedAt) return { id: token.id, name: token.name, revokedAt: token.revokedAt };
    const revoked = await tx.apiToken.update({
      where: { id: token.id },
      data: { revokedAt: now },
      select: { id: true, name: true, revokedAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "token.revoke",
      entityType: "ApiToken",
      entityId: token.id,
      projectId: project.id,
      summary: { name: token.name },
    });
    return revoked;
  });
}
