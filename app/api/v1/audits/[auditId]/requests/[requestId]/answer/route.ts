import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { answerRequest } from "@/lib/audits/answer-request";
import { ZRequestAnswer, ZRequestParams } from "@/lib/schemas/audit";

export const POST = defineRoute(
  { auth: "session", permission: "request:answer", params: ZRequestParams, body: ZRequestAnswer },
  async ({ ctx, params, body }) => answerRequest({ ctx, ...params, data: body, now: await requestNow() }),
);
