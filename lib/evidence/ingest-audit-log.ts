import type { RequestCtx } from "@/lib/auth/actor";
import { toJsonSafe } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { AuditLogStats, auditLogOutcome, type AuditEventRow } from "@/lib/ingest/audit-log";
import type { TEvidencePushMeta } from "@/lib/schemas/evidence";
import type { AuditFormat } from "@/lib/ingest/parse-body";
import type { Prisma } from "@/generated/prisma/client";
import { withCopyTransaction } from "@/lib/evidence/bulk-db";
import { copyAuditEvents } from "@/lib/evidence/audit-copy";
import { createEvidenceRow, fileAndRecord, lockAndFindExisting } from "@/lib/evidence/store-evidence";
import { toResult, type BaseEvidence, type IngestResult } from "@/lib/evidence/ingest-result";

/**
 * An audit log: the batch evidence row and every readable line as an AuditEvent (COPY, in batches),
 * in one transaction. The row is created first (so events can point at it) and completed with the
 * counts once the last line is in. Any failure, including one in the ten-millionth line, rolls back
 * every event of the file. The activity event is written last, so that the activity trail's lock is
 * held only for the end of a long import.
 */
export async function ingestAuditLog(opts: {
  ctx: RequestCtx;
  base: BaseEvidence;
  /** audit-log (JSON Lines), auditd, pgaudit or cloudtrail. */
  format: AuditFormat;
  events: (stats: AuditLogStats) => AsyncGenerator<AuditEventRow>;
  /** Keeps the original bytes; called once every event is written, before the transaction commits. */
  keep?: () => Promise<void>;
  detected: boolean;
  now: Date;
  meta: TEvidencePushMeta;
}): Promise<IngestResult> {
  const { ctx, base, meta } = opts;
  return withCopyTransaction(async (tx, client) => {
    const found = await lockAndFindExisting(tx, base.projectId, base.dedupeKey);
    if (found) return toResult("existing", found, [], opts.detected);
    const row = await createEvidenceRow(tx, ctx, {
      ...base,
      kind: "AUDIT_LOG",
      format: opts.format,
      title: "Audit log",
      outcome: "INFO",
      summary: {},
      effectiveAt: opts.now,
    });
    const stats = new AuditLogStats();
    const written = await copyAuditEvents({
      client,
      projectId: base.projectId,
      evidenceId: row.id,
      events: opts.events(stats),
    });
    if (written === 0) {
      const reasons = stats.summary().rejectedReasons as Array<{ key: string; count: number }>;
      refuse(
        "invalid-content",
        `None of the ${stats.lines - stats.blank - stats.other} ${opts.format === "cloudtrail" ? "record(s)" : "line(s)"} could be read as an audit event (${reasons.map((r) => `${r.count}× ${r.key}`).join(", ") || "no lines"}). Set the project's audit-log field mapping, or fix the lines.`,
      );
    }
    await opts.keep?.();
    const judged = auditLogOutcome(stats);
    const completed = await tx.evidence.update({
      where: { id: row.id },
      data: {
        title: meta.title ?? judged.title,
        outcome: judged.outcome,
        summary: toJsonSafe({ ...stats.summary(), outcomeReason: judged.outcomeReason }) as Prisma.InputJsonValue,
        effectiveAt: meta.effectiveAt ? new Date(meta.effectiveAt) : (stats.last ?? opts.now),
        periodStart: base.periodStart ?? stats.first ?? null,
        periodEnd: base.periodEnd ?? stats.last ?? null,
      },
    });
    const stored = await fileAndRecord(tx, ctx, completed, {
      summary: { formatDetected: opts.detected, events: written, rejected: stats.rejected },
    });
    return toResult("created", stored.row, stored.controls, opts.detected);
  });
}
