import { defineRoute } from "@/lib/api/handler";
import { backlogCounts } from "@/lib/backlog/backlog-counts";
import { ZBacklogCountsQuery } from "@/lib/schemas/backlog";

const query = ZBacklogCountsQuery.omit({ block: true, priority: true });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "backlog:read", query },
  async ({ ctx, query: { project, ...filters } }) => backlogCounts({ ctx, slug: project, filters }),
);
