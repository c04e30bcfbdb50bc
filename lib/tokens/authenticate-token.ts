import { prisma } from "@/lib/db";
import { UnauthorizedError } from "@/lib/errors";
import type { TokenPrincipal } from "@/lib/auth/actor";
import { TOKEN_PREFIX, hashTokenSecret } from "@/lib/tokens/token-secret";

const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves an `Authorization: Bearer pl_…` header to its token, or throws 401 saying why not. */
export async function authenticateToken(authorization: string, now = new Date()): Promise<TokenPrincipal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthorizedError('The Authorization header must be "Bearer <token>".');
  const secret = match[1];
  if (!secret.startsWith(TOKEN_PREFIX)) throw new UnauthorizedError("This is not a Proofline project token.");
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashTokenSecret(secret) } });
  if (!token) throw new UnauthorizedError("The token is not valid.");
  if (token.revokedAt)
    throw new UnauthorizedError(`The token "${token.name}" was revoked on ${token.revokedAt.toISOString()}.`);
  if (token.expiresAt && token.expiresAt <= now)
    throw new UnauthorizedError(`The token "${token.name}" expired on ${token.expiresAt.toISOString()}.`);
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { id: token.id, name: token.name, projectId: token.projectId, scopes: token.scopes };
}
