import { createHash, randomBytes } from "node:crypto";

// Project tokens look like "pl_" + 43 base64url characters (256 random bits). Only the SHA-256 of the
// whole token is stored; the first characters are kept so people can tell tokens apart.
export const TOKEN_PREFIX = "pl_";

export function newTokenSecret(): { secret: string; prefix: string; hash: string } {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, 10), hash: hashTokenSecret(secret) };
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
