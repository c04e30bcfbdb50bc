import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { actingUserId, assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { ZScimTokenCreate, type TScimTokenCreate } from "@/lib/schemas/identity";
import { ScimError } from "@/lib/scim/errors";

// SCIM bearer tokens look like "scim_" + 43 base64url characters (256 random bits). Only the SHA-256 of
// the whole token is stored (a hash needs no key to rotate, and a copy of the database authorises
// nothing); the first characters are kept so admins can tell tokens apart.
export const SCIM_TOKEN_PREFIX = "scim_";
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashScimToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export interface ScimPrincipal {
  tokenId: string;
  name: string;
}

export interface CreateScimTokenOptions {
  ctx: RequestCtx;
  data: TScimTokenCreate;
}

/** Creates a SCIM token (admins only); the secret is in the answer and nowhere else. */
export async function createScimToken({ ctx, data }: CreateScimTokenOptions) {
  assertCan(ctx.actor, "user:manage");
  const input = validate(ZScimTokenCreate, data, "");
  const secret = SCIM_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const createdById = actingUserId(ctx.actor) ?? "system";
  return prisma.$transaction(async (tx) => {
    const token = await tx.scimToken.create({
      data: { name: input.name, prefix: secret.slice(0, 12), tokenHash: hashScimToken(secret), createdById },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "scim_token.create",
      entityType: "ScimToken",
      entityId: token.id,
      summary: { name: token.name, prefix: token.prefix },
    });
    return { ...token, secret };
  });
}

export async function listScimTokens({ ctx }: { ctx: RequestCtx }) {
  assertCan(ctx.actor, "user:read");
  return prisma.scimToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, revokedAt: true, lastUsedAt: true },
  });
}

export async function revokeScimToken({
  ctx,
  tokenId,
  now = new Date(),
}: {
  ctx: RequestCtx;
  tokenId: string;
  now?: Date;
}) {
  assertCan(ctx.actor, "user:manage");
  return prisma.$transaction(async (tx) => {
    const token = await tx.scimToken.findUnique({
      where: { id: tokenId },
      select: { id: true, name: true, revokedAt: true },
    });
    if (!token) throw new NotFoundError("There is no such SCIM token.");
    if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt };
    const revoked = await tx.scimToken.update({
      where: { id: token.id },
      data: { revokedAt: now },
      select: { id: true, revokedAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "scim_token.revoke",
      entityType: "ScimToken",
      entityId: token.id,
      summary: { name: token.name },
    });
    return revoked;
  });
}

/** Resolves `Authorization: Bearer scim_…` to its token, or throws a SCIM 401 saying why not. */
export async function authenticateScim(authorization: string | null, now = new Date()): Promise<ScimPrincipal> {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match) throw new ScimError(401, 'Send the SCIM token an admin created: "Authorization: Bearer scim_…".');
  const token = await prisma.scimToken.findUnique({ where: { tokenHash: hashScimToken(match[1]) } });
  if (!token) throw new ScimError(401, "The SCIM token is not valid.");
  if (token.revokedAt) throw new ScimError(401, `The SCIM token "${token.name}" was revoked.`);
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.scimToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: token.id, name: token.name };
}
