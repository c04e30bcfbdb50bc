import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { listBacklogItems } from "@/lib/backlog/list-backlog-items";
import { createBacklogItem } from "@/lib/backlog/create-backlog-item";
import { ZBacklogItemCreate, ZBacklogListQuery } from "@/lib/schemas/backlog";

const params = z.strictObject({ slug: z.string().min(1).max(100) });
const query = ZBacklogListQuery.omit({ project: true });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "backlog:read", params, query },
  async ({ ctx, params, query: { cursor, limit, ...filters } }) =>
    listBacklogItems({ ctx, slug: params.slug, filters, cursor, limit }),
);

export const POST = defineRoute(
  { auth: "session-or-token", permission: "backlog:write", params, body: ZBacklogItemCreate },
  async ({ ctx, params, body }) =>
    jsonResponse(await createBacklogItem({ ctx, slug: params.slug, data: body, now: await requestNow() }), {
      status: 201,
    }),
);
