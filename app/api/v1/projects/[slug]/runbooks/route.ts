import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { listRunbooks } from "@/lib/runbooks/list-runbooks";
import { createRunbook } from "@/lib/runbooks/create-runbook";
import { ZRunbookCreate, ZRunbookListQuery } from "@/lib/schemas/runbook";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "runbook:read", params, query: ZRunbookListQuery },
  async ({ ctx, params, query }) => ({
    items: await listRunbooks({ ctx, slug: params.slug, now: await requestNow(), archived: query.archived }),
  }),
);

export const POST = defineRoute(
  { auth: "session-or-token", permission: "runbook:write", params, body: ZRunbookCreate },
  async ({ ctx, params, body }) =>
    jsonResponse(await createRunbook({ ctx, slug: params.slug, data: body, now: await requestNow() }), { status: 201 }),
);
