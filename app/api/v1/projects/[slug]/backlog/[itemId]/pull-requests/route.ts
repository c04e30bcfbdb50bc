import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { linkPullRequest } from "@/lib/backlog/link-pull-request";
import { ZPullRequestLink } from "@/lib/schemas/backlog";

const params = z.strictObject({ slug: z.string().min(1).max(100), itemId: z.string().min(1).max(40) });

export const POST = defineRoute(
  { auth: "session-or-token", permission: "backlog:write", params, body: ZPullRequestLink },
  async ({ ctx, params, body }) =>
    jsonResponse(
      await linkPullRequest({ ctx, slug: params.slug, itemId: params.itemId, data: body, now: await requestNow() }),
      { status: 201 },
    ),
);
