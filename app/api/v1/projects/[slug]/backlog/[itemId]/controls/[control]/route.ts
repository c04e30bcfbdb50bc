import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { unlinkItemControl } from "@/lib/backlog/unlink-item-control";

const params = z.strictObject({
  slug: z.string().min(1).max(100),
  itemId: z.string().min(1).max(40),
  control: z.string().min(1).max(40),
});

export const DELETE = defineRoute(
  { auth: "session-or-token", permission: "backlog:write", params },
  async ({ ctx, params }) => unlinkItemControl({ ctx, ...params, now: await requestNow() }),
);
