import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";

// Links that work once, before they expire. The token travels in the link only; the database keeps its
// SHA-256 (a 256-bit random token needs no slow hash), so a copy of the database opens nothing.

export const LINK_PURPOSES = { setPassword: "set-password" } as const;
export const SET_PASSWORD_LINK_HOURS = 72;

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface CreateOneTimeLinkOptions {
  tx: Tx;
  userId: string;
  purpose: (typeof LINK_PURPOSES)[keyof typeof LINK_PURPOSES];
  createdById: string;
  now: Date;
  hours?: number;
}

/** Creates a link and returns its token (shown once). Earlier unused links of the same purpose stop working. */
export async function createOneTimeLink({
  tx,
  userId,
  purpose,
  createdById,
  now,
  hours = SET_PASSWORD_LINK_HOURS,
}: CreateOneTimeLinkOptions) {
  await tx.oneTimeLink.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + hours * 3600_000);
  await tx.oneTimeLink.create({ data: { userId, purpose, tokenHash: hashLinkToken(token), expiresAt, createdById } });
  return { token, expiresAt };
}
