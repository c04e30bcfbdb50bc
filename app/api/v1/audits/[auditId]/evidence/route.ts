import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { listAuditEvidence } from "@/lib/audits/list-audit-evidence";
import { ZAuditEvidenceQuery, ZAuditParams } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "evidence:read", params: ZAuditParams, query: ZAuditEvidenceQuery },
  async ({ ctx, params, query }) => listAuditEvidence({ ctx, auditId: params.auditId, now: await requestNow(), query }),
);
