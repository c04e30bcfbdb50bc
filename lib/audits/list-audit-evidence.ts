import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { evidenceInWindowWhere, evidenceScopeWhere } from "@/lib/core/access/auditor-scope";
import { collectedAfterWindow } from "@/lib/audits/backdating";

export interface AuditEvidenceRow {
  id: string;
  project: { slug: string; name: string };
  kind: string;
  format: string;
  title: string;
  outcome: string;
  effectiveAt: Date;
  /** When Proofline received it (the effective time is the pusher's choice). */
  collectedAt: Date;
  /** Dated into the window but collected after it closed (backdated). */
  collectedAfterWindow: boolean;
  expiresAt: Date | null;
  sha256: string | null;
  byteSize: bigint | null;
  originalName: string | null;
  sourceBranch: string | null;
}

export interface ListAuditEvidenceOptions {
  ctx: RequestCtx;
  auditId: string;
  now: Date;
  query: { project?: string; outcome?: "PASS" | "FAIL" | "WARN" | "INFO"; cursor?: string; limit: number };
}

/** The evidence inside the audit's window, for its projects, newest first. */
export async function listAuditEvidence({
  ctx,
  auditId,
  now,
  query,
}: ListAuditEvidenceOptions): Promise<Page<AuditEvidenceRow>> {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "evidence:read" });
  const after = decodeCursor(query.cursor, z.tuple([z.string(), z.string()]));
  const where: Prisma.EvidenceWhereInput = {
    AND: [
      evidenceInWindowWhere(audit.window, audit.projectIds),
      await evidenceScopeWhere(ctx.actor, now),
      query.project ? { project: { slug: query.project } } : {},
      query.outcome ? { outcome: query.outcome } : {},
      after
        ? {
            OR: [
              { effectiveAt: { lt: new Date(after[0]) } },
              { effectiveAt: new Date(after[0]), id: { lt: after[1] } },
            ],
          }
        : {},
    ],
  };
  const rows = await prisma.evidence.findMany({
    where,
    orderBy: [{ effectiveAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: {
      id: true,
      kind: true,
      format: true,
      title: true,
      outcome: true,
      effectiveAt: true,
      collectedAt: true,
      expiresAt: true,
      sha256: true,
      byteSize: true,
      originalName: true,
      sourceBranch: true,
      project: { select: { slug: true, name: true } },
    },
  });
  const page = toPage(rows, query.limit, (last) => [last.effectiveAt.toISOString(), last.id]);
  return {
    ...page,
    items: page.items.map((e) => ({ ...e, collectedAfterWindow: collectedAfterWindow(e.collectedAt, audit.window) })),
  };
}
