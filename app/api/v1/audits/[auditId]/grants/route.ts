import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { grantAuditor } from "@/lib/audits/grant-auditor";
import { ZAuditParams, ZGrantCreate } from "@/lib/schemas/audit";

export const POST = defineRoute(
  { auth: "session", permission: "audit:manage", params: ZAuditParams, body: ZGrantCreate },
  async ({ ctx, params, body }) =>
    jsonResponse(await grantAuditor({ ctx, auditId: params.auditId, data: body, now: await requestNow() }), {
      status: 201,
    }),
);
