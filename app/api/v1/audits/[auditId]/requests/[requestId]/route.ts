import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getRequest } from "@/lib/audits/get-request";
import { assignRequest } from "@/lib/audits/assign-request";
import { ZRequestAssign, ZRequestParams } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "request:read", params: ZRequestParams },
  async ({ ctx, params }) => getRequest({ ctx, ...params, now: await requestNow() }),
);

/** Assigns (or clears) the request's owner. */
export const PATCH = defineRoute(
  { auth: "session", permission: "audit:manage", params: ZRequestParams, body: ZRequestAssign },
  async ({ ctx, params, body }) => assignRequest({ ctx, ...params, data: body, now: await requestNow() }),
);
