import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getRunbook } from "@/lib/runbooks/get-runbook";
import { updateRunbook } from "@/lib/runbooks/update-runbook";
import { ZRunbookUpdate } from "@/lib/schemas/runbook";

const params = z.strictObject({ slug: z.string().min(1).max(100), runbookId: z.string().min(1).max(40) });
const query = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "runbook:read", params, query },
  async ({ ctx, params, query }) =>
    getRunbook({
      ctx,
      slug: params.slug,
      runbookId: params.runbookId,
      now: await requestNow(),
      version: query.version,
    }),
);

export const PATCH = defineRoute(
  { auth: "session-or-token", permission: "runbook:write", params, body: ZRunbookUpdate },
  async ({ ctx, params, body }) =>
    updateRunbook({ ctx, slug: params.slug, runbookId: params.runbookId, data: body, now: await requestNow() }),
);
