import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getDashboardReadiness } from "@/lib/readiness/get-dashboard-readiness";
import { ZDashboardQuery } from "@/lib/schemas/readiness";

export const GET = defineRoute(
  { auth: "session", permission: "readiness:read", query: ZDashboardQuery },
  async ({ ctx, query }) => getDashboardReadiness({ ctx, now: await requestNow(), project: query.project }),
);
