import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getBacklogItem } from "@/lib/backlog/get-backlog-item";
import { updateBacklogItem } from "@/lib/backlog/update-backlog-item";
import { ZBacklogItemUpdate } from "@/lib/schemas/backlog";

const params = z.strictObject({ slug: z.string().min(1).max(100), itemId: z.string().min(1).max(40) });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "backlog:read", params },
  async ({ ctx, params }) => getBacklogItem({ ctx, slug: params.slug, itemId: params.itemId }),
);

export const PATCH = defineRoute(
  { auth: "session-or-token", permission: "backlog:write", params, body: ZBacklogItemUpdate },
  async ({ ctx, params, body }) =>
    updateBacklogItem({ ctx, slug: params.slug, itemId: params.itemId, data: body, now: await requestNow() }),
);
