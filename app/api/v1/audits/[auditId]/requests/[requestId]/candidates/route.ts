import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { listAnswerCandidates } from "@/lib/audits/list-answer-candidates";
import { ZCandidateQuery, ZRequestParams } from "@/lib/schemas/audit";

/** Evidence from the audit's projects and window that the request can be answered with. */
export const GET = defineRoute(
  { auth: "session", permission: "request:answer", params: ZRequestParams, query: ZCandidateQuery },
  async ({ ctx, params, query }) => listAnswerCandidates({ ctx, ...params, now: await requestNow(), query }),
);
