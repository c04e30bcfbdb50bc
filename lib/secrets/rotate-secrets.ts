import { prisma } from "@/lib/db";
import { systemCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { isSealed, keyring, openSecret, sealSecret, sealedKeyId, type Keyring } from "@/lib/secret-box";
import { secretContext, STORED_SECRETS } from "@/lib/secrets/stored-secrets";

export interface RotateSecretsOptions {
  /** Only seal values still stored in plain text (the release step); leave sealed ones as they are. */
  onlyPlainText?: boolean;
  ring?: Keyring;
}

export interface RotateSecretsReport {
  keyId: string;
  resealed: number;
  sealedFromPlainText: number;
  alreadyCurrent: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Re-seals every stored secret with the current key (SECRETS_KEY): values sealed with a previous key
 * (SECRETS_KEY_PREVIOUS) and values from before sealing (plain text). Each row is updated only if it
 * still holds what was read, so a secret changed meanwhile is left to its new value. Records one
 * activity event with the counts (never the secrets).
 */
export async function rotateSecrets({
  onlyPlainText = false,
  ring = keyring(),
}: RotateSecretsOptions = {}): Promise<RotateSecretsReport> {
  const report: RotateSecretsReport = {
    keyId: ring.current.id,
    resealed: 0,
    sealedFromPlainText: 0,
    alreadyCurrent: 0,
  };
  for (const c of STORED_SECRETS) {
    const where = onlyPlainText ? ` WHERE ${quote(c.column)} NOT LIKE 'pl1.%'` : "";
    const rows = await prisma.$queryRawUnsafe<Array<{ id: string; value: string }>>(
      `SELECT ${quote(c.idColumn)} AS id, ${quote(c.column)} AS value FROM ${quote(c.table)}${where}`,
    );
    for (const row of rows) {
      const context = secretContext(c, row.id);
      if (sealedKeyId(row.value) === ring.current.id) {
        report.alreadyCurrent++;
        continue;
      }
      if (isSealed(row.value) && onlyPlainText) continue;
      const plain = isSealed(row.value) ? openSecret(row.value, context, ring) : row.value;
      const updated = await prisma.$executeRawUnsafe(
        `UPDATE ${quote(c.table)} SET ${quote(c.column)} = $1 WHERE ${quote(c.idColumn)} = $2 AND ${quote(c.column)} = $3`,
        sealSecret(plain, context, ring),
        row.id,
        row.value,
      );
      if (!updated) continue;
      if (isSealed(row.value)) report.resealed++;
      else report.sealedFromPlainText++;
    }
  }
  if (report.resealed || report.sealedFromPlainText) {
    await prisma.$transaction((tx) =>
      recordActivity(tx, {
        ctx: systemCtx("secrets-rotate"),
        action: "secrets.rotate",
        entityType: "StoredSecrets",
        entityId: ring.current.id,
        summary: { ...report },
      }),
    );
  }
  return report;
}
