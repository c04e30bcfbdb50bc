import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { isOverdue, REQUEST_STATUS_SELECT } from "@/lib/audits/list-requests";
import { toCsv } from "@/lib/core/http/csv";

export const REQUESTS_CSV_HEADER = [
  "request_id",
  "title",
  "status",
  "requirement",
  "control",
  "owner",
  "due_at",
  "overdue",
  "raised_at",
  "answered_at",
  "reviewed_at",
  "evidence_count",
  "evidence_sha256",
  "last_comment",
];

/** The request list of an audit as rows (oldest first), shared by the CSV export and the packet. */
export async function requestCsvRows(auditId: string, now: Date) {
  const rows = await prisma.evidenceRequest.findMany({
    where: { auditId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      ...REQUEST_STATUS_SELECT,
      requirement: { select: { refId: true } },
      control: { select: { key: true } },
      owner: { select: { email: true } },
      evidence: { select: { evidence: { select: { sha256: true, id: true } } } },
      comments: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { body: true } },
    },
  });
  return rows.map((r) => [
    r.id,
    r.title,
    r.status,
    r.requirement?.refId,
    r.control?.key,
    r.owner?.email,
    r.dueAt,
    isOverdue(r, now) ? "yes" : "no",
    r.createdAt,
    r.answeredAt,
    r.reviewedAt,
    r.evidence.length,
    r.evidence
      .map((e) => e.evidence.sha256 ?? `id:${e.evidence.id}`)
      .sort()
      .join(" "),
    r.comments[0]?.body,
  ]);
}

export interface ExportRequestsCsvOptions {
  ctx: RequestCtx;
  auditId: string;
  now: Date;
}

/** The request list with statuses, as CSV. */
export async function exportRequestsCsv({
  ctx,
  auditId,
  now,
}: ExportRequestsCsvOptions): Promise<{ filename: string; body: string }> {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "request:read" });
  return {
    filename: `requests-${audit.id}.csv`,
    body: toCsv(REQUESTS_CSV_HEADER, await requestCsvRows(audit.id, now)),
  };
}
