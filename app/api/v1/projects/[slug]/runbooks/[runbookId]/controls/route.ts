import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { setRunbookControl } from "@/lib/runbooks/link-runbook-control";
import { ZControlLink } from "@/lib/schemas/backlog";

const params = z.strictObject({ slug: z.string().min(1).max(100), runbookId: z.string().min(1).max(40) });

export const POST = defineRoute(
  { auth: "session-or-token", permission: "runbook:write", params, body: ZControlLink },
  async ({ ctx, params, body }) =>
    setRunbookControl({ ctx, ...params, control: body.control, now: await requestNow(), linked: true }),
);
