import { defineRoute } from "@/lib/api/handler";
import { listBacklogItems } from "@/lib/backlog/list-backlog-items";
import { ZBacklogListQuery } from "@/lib/schemas/backlog";

/** The cross-project backlog: every project the caller can see, or one (?project=slug). */
export const GET = defineRoute(
  { auth: "session-or-token", permission: "backlog:read", query: ZBacklogListQuery },
  async ({ ctx, query: { cursor, limit, project, ...filters } }) =>
    listBacklogItems({ ctx, slug: project, filters, cursor, limit }),
);
