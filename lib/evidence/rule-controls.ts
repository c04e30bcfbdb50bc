import type { Tx } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";

/** Control ids for the keys a rule names; unknown keys are refused by name. */
export async function controlIdsForKeys(tx: Tx, keys: string[]): Promise<string[]> {
  const unique = [...new Set(keys)];
  const controls = await tx.control.findMany({
    where: { key: { in: unique }, archivedAt: null },
    select: { id: true, key: true },
  });
  const missing = unique.filter((k) => !controls.some((c) => c.key === k));
  if (missing.length) {
    throw new InvalidInputError(`No active control has the key ${missing.map((k) => `"${k}"`).join(", ")}.`, [
      { path: "body.controlKeys", message: `Unknown control: ${missing.join(", ")}` },
    ]);
  }
  return controls.map((c) => c.id);
}

export const RULE_SELECT = {
  id: true,
  name: true,
  kind: true,
  format: true,
  conditions: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  controls: { select: { control: { select: { key: true, title: true } } } },
} as const;
