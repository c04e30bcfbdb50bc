import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { setCriterionDone } from "@/lib/backlog/set-criterion-done";
import { ZCriterionToggle } from "@/lib/schemas/backlog";

const params = z.strictObject({
  slug: z.string().min(1).max(100),
  itemId: z.string().min(1).max(40),
  criterionId: z.string().min(1).max(40),
});

export const PATCH = defineRoute(
  { auth: "session-or-token", permission: "backlog:write", params, body: ZCriterionToggle },
  async ({ ctx, params, body }) => setCriterionDone({ ctx, ...params, done: body.done, now: await requestNow() }),
);
