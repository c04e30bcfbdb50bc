import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { setRunbookControl } from "@/lib/runbooks/link-runbook-control";

const params = z.strictObject({
  slug: z.string().min(1).max(100),
  runbookId: z.string().min(1).max(40),
  control: z.string().min(1).max(40),
});

export const DELETE = defineRoute(
  { auth: "session-or-token", permission: "runbook:write", params },
  async ({ ctx, params }) => setRunbookControl({ ctx, ...params, now: await requestNow(), linked: false }),
);
