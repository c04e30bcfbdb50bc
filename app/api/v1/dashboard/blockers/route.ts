import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getDashboardBlockers } from "@/lib/readiness/get-dashboard-blockers";
import { ZDashboardQuery } from "@/lib/schemas/readiness";

export const GET = defineRoute(
  { auth: "session", permission: "backlog:read", query: ZDashboardQuery },
  async ({ ctx, query }) => getDashboardBlockers({ ctx, now: await requestNow(), project: query.project }),
);
