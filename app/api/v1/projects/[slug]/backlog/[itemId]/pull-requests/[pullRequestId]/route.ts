import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { unlinkPullRequest } from "@/lib/backlog/unlink-pull-request";
import { updatePullRequest } from "@/lib/backlog/update-pull-request";
import { ZPullRequestUpdate } from "@/lib/schemas/backlog";

const params = z.strictObject({
  slug: z.string().min(1).max(100),
  itemId: z.string().min(1).max(40),
  pullRequestId: z.string().min(1).max(40),
});

export const PATCH = defineRoute(
  { auth: "session-or-token", permission: "backlog:write", params, body: ZPullRequestUpdate },
  async ({ ctx, params, body }) =>
    updatePullRequest({
      ctx,
      slug: params.slug,
      pullRequestId: params.pullRequestId,
      data: body,
      now: await requestNow(),
    }),
);

export const DELETE = defineRoute(
  { auth: "session-or-token", permission: "backlog:write", params },
  async ({ ctx, params }) => unlinkPullRequest({ ctx, ...params, now: await requestNow() }),
);
