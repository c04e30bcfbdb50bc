import { defineRoute } from "@/lib/api/handler";
import { workspaceBody } from "@/lib/audits/workspace-body";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { listRequests } from "@/lib/audits/list-requests";
import { raiseRequest } from "@/lib/audits/raise-request";
import { ZAuditParams, ZRequestListQuery } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "request:read", params: ZAuditParams, query: ZRequestListQuery },
  async ({ ctx, params, query }) => listRequests({ ctx, auditId: params.auditId, now: await requestNow(), query }),
);

export const POST = defineRoute(
  { auth: "session", permission: "request:raise", params: ZAuditParams },
  async ({ ctx, params, req }) =>
    jsonResponse(
      await raiseRequest({ ctx, auditId: params.auditId, data: await workspaceBody(req), now: await requestNow() }),
      { status: 201 },
    ),
);
