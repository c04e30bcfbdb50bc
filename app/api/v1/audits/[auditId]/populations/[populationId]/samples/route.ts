import { defineRoute } from "@/lib/api/handler";
import { workspaceBody } from "@/lib/audits/workspace-body";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { drawSample } from "@/lib/audits/draw-population-sample";
import { ZPopulationParams } from "@/lib/schemas/audit";

export const POST = defineRoute(
  { auth: "session", permission: "population:create", params: ZPopulationParams },
  async ({ ctx, params, req }) =>
    jsonResponse(await drawSample({ ctx, ...params, data: await workspaceBody(req), now: await requestNow() }), {
      status: 201,
    }),
);
