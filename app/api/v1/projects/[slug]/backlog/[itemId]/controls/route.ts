import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { linkItemControl } from "@/lib/backlog/link-item-control";
import { ZControlLink } from "@/lib/schemas/backlog";

const params = z.strictObject({ slug: z.string().min(1).max(100), itemId: z.string().min(1).max(40) });

export const POST = defineRoute(
  { auth: "session-or-token", permission: "backlog:write", params, body: ZControlLink },
  async ({ ctx, params, body }) =>
    linkItemControl({ ctx, slug: params.slug, itemId: params.itemId, control: body.control, now: await requestNow() }),
);
