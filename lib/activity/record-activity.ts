import type { Tx } from "@/lib/db";
import { actorLabel, type RequestCtx } from "@/lib/auth/actor";
import { GENESIS_HASH, eventHash, normaliseSummary } from "@/lib/activity/hash";
import type { Prisma } from "@/generated/prisma/client";

// Arbitrary but fixed: the advisory lock that serialises appends to the chain.
const CHAIN_LOCK = 7_270_001;

export interface RecordActivityOptions {
  ctx: RequestCtx;
  action: string;
  entityType: string;
  entityId: string;
  projectId?: string | null;
  /** What changed, kept small: { before, after } of the fields that changed, or a few facts. */
  summary?: Record<string, unknown>;
  occurredAt?: Date;
}

/** The hashed fields of one event, as stored. */
export function eventFields(options: RecordActivityOptions) {
  const who = actorLabel(options.ctx.actor);
  return {
    occurredAt: options.occurredAt ?? new Date(),
    actorType: who.type,
    actorId: who.id,
    actorLabel: who.label,
    action: options.action,
    entityType: options.entityType,
    entityId: options.entityId,
    projectId: options.projectId ?? null,
    summary: normaliseSummary(options.summary),
    requestId: options.ctx.requestId ?? null,
  };
}

/**
 * Appends one event to the activity trail inside the caller's transaction, so that the event exists
 * exactly when the change does. Appends are serialised by a transaction-scoped advisory lock: the
 * event reads the newest hash after taking the lock, and the lock is held until commit, so two
 * writers can never chain onto the same predecessor.
 */
export async function recordActivity(tx: Tx, options: RecordActivityOptions): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`;
  const last = await tx.activityEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = eventFields(options);
  await tx.activityEvent.create({
    data: { ...fields, summary: fields.summary as Prisma.InputJsonValue, prevHash, hash: eventHash(prevHash, fields) },
  });
}

/** The fields of `after` that differ from `before`, as { before, after } for an activity summary. */
export function changes<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    const prev = before[key] instanceof Date ? (before[key] as Date).toISOString() : before[key];
    const next = after[key] instanceof Date ? (after[key] as Date).toISOString() : after[key];
    if (after[key] !== undefined && JSON.stringify(prev) !== JSON.stringify(next)) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
