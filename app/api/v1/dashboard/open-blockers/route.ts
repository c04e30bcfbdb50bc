import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { listOpenBlockers } from "@/lib/readiness/list-open-blockers";
import { ZOpenBlockersQuery } from "@/lib/schemas/readiness";

export const GET = defineRoute(
  { auth: "session", permission: "backlog:read", query: ZOpenBlockersQuery },
  async ({ ctx, query }) =>
    listOpenBlockers({
      ctx,
      now: await requestNow(),
      mine: query.mine === "1",
      cursor: query.cursor,
      limit: query.limit,
    }),
);
