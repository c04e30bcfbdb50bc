import { defineRoute } from "@/lib/api/handler";
import { ZActivityQuery, listActivity } from "@/lib/activity/list-activity";

export const GET = defineRoute(
  { auth: "session", permission: "activity:read", query: ZActivityQuery },
  async ({ ctx, query }) => listActivity({ ctx, query }),
);
