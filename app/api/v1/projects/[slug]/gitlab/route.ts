import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestBody } from "@/lib/core/http/read-body";
import { requestNow } from "@/lib/clock";
import { handleGitlabWebhook } from "@/lib/evidence/handle-gitlab-webhook";
import { formatBytes } from "@/lib/ingest/limits";
import { PayloadTooLargeError } from "@/lib/errors";

const params = z.strictObject({ slug: z.string().min(1).max(100) });
const GITLAB_PAYLOAD_LIMIT = 25 * 1024 * 1024; // GitLab's default webhook payload cap

// Authenticated by the project's X-Gitlab-Token (checked in handleGitlabWebhook before the body is
// read), not by a session.
export const POST = defineRoute({ auth: "public", params }, async ({ params, req }) => {
  const result = await handleGitlabWebhook({
    projectSlug: params.slug,
    event: req.headers.get("x-gitlab-event"),
    token: req.headers.get("x-gitlab-token"),
    body: requestBody(req, {
      limit: GITLAB_PAYLOAD_LIMIT,
      gzip: false,
      tooLarge: () => new PayloadTooLargeError(`A delivery may be at most ${formatBytes(GITLAB_PAYLOAD_LIMIT)}.`),
    }),
    now: await requestNow(),
  });
  return jsonResponse(result, { status: result.status === "created" ? 201 : result.status === "ignored" ? 202 : 200 });
});
