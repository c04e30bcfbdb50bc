import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { backlogCounts } from "@/lib/backlog/backlog-counts";
import { ZBacklogCountsQuery } from "@/lib/schemas/backlog";

const params = z.strictObject({ slug: z.string().min(1).max(100) });
const query = ZBacklogCountsQuery.omit({ project: true, block: true, priority: true });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "backlog:read", params, query },
  async ({ ctx, params, query }) => backlogCounts({ ctx, slug: params.slug, filters: query }),
);
