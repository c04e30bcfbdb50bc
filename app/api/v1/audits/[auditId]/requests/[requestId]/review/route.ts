import { defineRoute } from "@/lib/api/handler";
import { workspaceBody } from "@/lib/audits/workspace-body";
import { requestNow } from "@/lib/clock";
import { reviewRequest } from "@/lib/audits/review-request";
import { ZRequestParams } from "@/lib/schemas/audit";

/** Accepts or returns an answered request (the auditor, or a lead). Permission is checked in lib (either of two). */
export const POST = defineRoute({ auth: "session", params: ZRequestParams }, async ({ ctx, params, req }) =>
  reviewRequest({ ctx, ...params, data: await workspaceBody(req), now: await requestNow() }),
);
