import { defineRoute } from "@/lib/api/handler";
import { workspaceBody } from "@/lib/audits/workspace-body";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { commentOnRequest } from "@/lib/audits/comment-on-request";
import { ZRequestParams } from "@/lib/schemas/audit";

export const POST = defineRoute(
  { auth: "session", permission: "request:read", params: ZRequestParams },
  async ({ ctx, params, req }) =>
    jsonResponse(await commentOnRequest({ ctx, ...params, data: await workspaceBody(req), now: await requestNow() }), {
      status: 201,
    }),
);
