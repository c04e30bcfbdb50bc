import type { Tx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { EvidenceKind, EvidenceOutcome } from "@/generated/prisma/enums";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { toJsonSafe } from "@/lib/ingest/exact-json";
import { fileByRules } from "@/lib/evidence/file-evidence";

// The steps every way of adding evidence shares (pushed files, links, webhooks, audit logs), inside
// the caller's transaction: take the de-duplication lock, create the row, file it, record activity.

export interface NewEvidence {
  projectId: string;
  kind: EvidenceKind;
  format: string;
  title: string;
  subject?: string | null;
  outcome: EvidenceOutcome;
  summary: Record<string, unknown>;
  dedupeKey: string;
  sha256?: string | null;
  byteSize?: number | null;
  contentType?: string | null;
  originalName?: string | null;
  sourceRepo?: string | null;
  sourceBranch?: string | null;
  sourceCommit?: string | null;
  sourceWorkflow?: string | null;
  sourceRunUrl?: string | null;
  sourceUrl?: string | null;
  collectedAt: Date;
  effectiveAt: Date;
  periodStart?: Date | null;
  periodEnd?: Date | null;
}

export const EVIDENCE_RESULT_SELECT = {
  id: true,
  kind: true,
  format: true,
  title: true,
  outcome: true,
  summary: true,
  effectiveAt: true,
  expiresAt: true,
  sha256: true,
  byteSize: true,
} as const;

export type EvidenceResultRow = Prisma.EvidenceGetPayload<{ select: typeof EVIDENCE_RESULT_SELECT }>;

/**
 * Serialises writers of the same (project, dedupe key) with a transaction-scoped advisory lock, then
 * returns the evidence already stored under that key, if any. With the unique index behind it, twenty
 * concurrent pushes of the same bytes yield one evidence: the first writes, the rest find it.
 */
export async function lockAndFindExisting(
  tx: Tx,
  projectId: string,
  dedupeKey: string,
): Promise<EvidenceResultRow | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${projectId}), hashtext(${dedupeKey}))`;
  return tx.evidence.findUnique({
    where: { projectId_dedupeKey: { projectId, dedupeKey } },
    select: EVIDENCE_RESULT_SELECT,
  });
}

export function actorColumns(ctx: RequestCtx): { tokenId: string | null; userId: string | null } {
  return {
    tokenId: ctx.actor.kind === "token" ? ctx.actor.token.id : null,
    userId: actingUserId(ctx.actor),
  };
}

export async function createEvidenceRow(tx: Tx, ctx: RequestCtx, ev: NewEvidence) {
  return tx.evidence.create({
    data: {
      ...ev,
      summary: toJsonSafe(ev.summary) as Prisma.InputJsonValue,
      byteSize: ev.byteSize == null ? null : BigInt(ev.byteSize),
      ...actorColumns(ctx),
    },
  });
}

export interface StoredEvidence {
  row: EvidenceResultRow;
  controls: string[];
}

/** Files a created row under its controls and records the activity event. */
export async function fileAndRecord(
  tx: Tx,
  ctx: RequestCtx,
  row: Awaited<ReturnType<typeof createEvidenceRow>>,
  activity: { action?: string; summary?: Record<string, unknown> } = {},
): Promise<StoredEvidence> {
  const controls = await fileByRules(tx, row);
  await recordActivity(tx, {
    ctx,
    action: activity.action ?? "evidence.ingest",
    entityType: "Evidence",
    entityId: row.id,
    projectId: row.projectId,
    summary: {
      kind: row.kind,
      format: row.format,
      outcome: row.outcome,
      title: row.title,
      sha256: row.sha256,
      controls,
      ...activity.summary,
    },
  });
  const stored = await tx.evidence.findUniqueOrThrow({ where: { id: row.id }, select: EVIDENCE_RESULT_SELECT });
  return { row: stored, controls };
}

export async function storeEvidence(
  tx: Tx,
  ctx: RequestCtx,
  ev: NewEvidence,
  activity?: { action?: string; summary?: Record<string, unknown> },
): Promise<StoredEvidence> {
  return fileAndRecord(tx, ctx, await createEvidenceRow(tx, ctx, ev), activity);
}
