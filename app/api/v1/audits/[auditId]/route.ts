import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getAudit } from "@/lib/audits/get-audit";
import { updateAudit } from "@/lib/audits/update-audit";
import { ZAuditParams, ZAuditUpdate } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "audit:read", params: ZAuditParams },
  async ({ ctx, params }) => getAudit({ ctx, auditId: params.auditId, now: await requestNow() }),
);

export const PATCH = defineRoute(
  { auth: "session", permission: "audit:manage", params: ZAuditParams, body: ZAuditUpdate },
  async ({ ctx, params, body }) => updateAudit({ ctx, auditId: params.auditId, data: body }),
);
