import { prisma } from "@/lib/db";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { InvalidInputError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { ZTokenCreate, type TTokenCreate } from "@/lib/schemas/token";
import { newTokenSecret } from "@/lib/tokens/token-secret";

export interface CreateTokenOptions {
  ctx: RequestCtx;
  projectSlug: string;
  data: TTokenCreate;
  now: Date;
}

/**
 * Creates a project token. The secret is returned once, here; only its SHA-256 is stored. Its scopes
 * are permission names, honoured only inside this project (lib/auth/actor.ts `can`).
 */
export async function createToken({ ctx, projectSlug, data, now }: CreateTokenOptions) {
  const input = validate(ZTokenCreate, data, "body");
  const project = await resolveProject({
    ctx,
    slug: projectSlug,
    permission: "token:manage",
    write: "adding evidence",
  });
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now)
    throw new InvalidInputError("The expiry is in the past.", [
      { path: "body.expiresAt", message: "Choose a time in the future" },
    ]);
  const { secret, prefix, hash } = newTokenSecret();
  const scopes = [...new Set(input.scopes)].sort();
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: {
        projectId: project.id,
        name: input.name,
        prefix,
        tokenHash: hash,
        scopes,
        expiresAt,
        createdById: actingUserId(ctx.actor),
      },
      select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, expiresAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "token.create",
      entityType: "ApiToken",
      entityId: token.id,
      projectId: project.id,
      summary: { name: token.name, prefix, scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { ...token, secret, project: project.slug };
  });
}
