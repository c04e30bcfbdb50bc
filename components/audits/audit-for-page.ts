import type { RequestCtx } from "@/lib/auth/actor";
import { getAudit } from "@/lib/audits/get-audit";
import { orNullWhenRefused } from "@/lib/core/page-data";

/**
 * The audit for a page under /audits/[auditId]: the 404 page when it does not exist for the viewer,
 * null when access was refused (the audit layout already shows the sentence saying why, e.g. the grant ended).
 */
export function auditForPage(ctx: RequestCtx, auditId: string, now: Date) {
  return orNullWhenRefused(getAudit({ ctx, auditId, now }));
}
