import { createHash } from "node:crypto";

// The activity trail's hash chain. Pure: shared by the writer and by `npm run activity:verify`.

export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  projectId: string | null;
  summary: unknown;
  requestId: string | null;
}

/** JSON with object keys sorted at every level, so that the text does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** Makes a summary JSON-clean (dates to ISO strings, undefined dropped) exactly as it will be stored. */
export function normaliseSummary(summary: unknown): unknown {
  return JSON.parse(JSON.stringify(summary ?? {}));
}

export function eventHash(prevHash: string, e: HashedFields): string {
  const payload = canonicalJson({
    prevHash,
    occurredAt: e.occurredAt.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    projectId: e.projectId,
    summary: e.summary,
    requestId: e.requestId,
  });
  return createHash("sha256").update(payload).digest("hex");
}
