import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getDashboardUpcoming } from "@/lib/readiness/get-dashboard-upcoming";
import { ZUpcomingQuery } from "@/lib/schemas/readiness";

export const GET = defineRoute(
  { auth: "session", permission: "readiness:read", query: ZUpcomingQuery },
  async ({ ctx, query }) => getDashboardUpcoming({ ctx, now: await requestNow(), ...query }),
);
