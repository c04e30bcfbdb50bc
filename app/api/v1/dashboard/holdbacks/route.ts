import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getDashboardHoldbacks } from "@/lib/readiness/get-dashboard-holdbacks";
import { ZHoldbacksQuery } from "@/lib/schemas/readiness";

export const GET = defineRoute(
  { auth: "session", permission: "readiness:read", query: ZHoldbacksQuery },
  async ({ ctx, query }) =>
    getDashboardHoldbacks({ ctx, now: await requestNow(), project: query.project, limit: query.limit }),
);
