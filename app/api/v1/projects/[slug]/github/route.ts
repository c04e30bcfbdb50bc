import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestBody } from "@/lib/core/http/read-body";
import { requestNow } from "@/lib/clock";
import { handleGithubWebhook } from "@/lib/evidence/handle-github-webhook";
import { formatBytes } from "@/lib/ingest/limits";
import { PayloadTooLargeError } from "@/lib/errors";

const params = z.strictObject({ slug: z.string().min(1).max(100) });
const GITHUB_PAYLOAD_LIMIT = 25 * 1024 * 1024; // GitHub caps deliveries at 25 MB

// Authenticated by the delivery's HMAC signature (checked in handleGithubWebhook, which reads the
// body only once the project and its secret are known), not by a session.
export const POST = defineRoute({ auth: "public", params }, async ({ params, req }) => {
  const result = await handleGithubWebhook({
    projectSlug: params.slug,
    event: req.headers.get("x-github-event"),
    deliveryId: req.headers.get("x-github-delivery"),
    signature: req.headers.get("x-hub-signature-256"),
    contentType: req.headers.get("content-type"),
    body: requestBody(req, {
      limit: GITHUB_PAYLOAD_LIMIT,
      gzip: false,
      tooLarge: () =>
        new PayloadTooLargeError(`A delivery may be at most ${formatBytes(GITHUB_PAYLOAD_LIMIT)} (GitHub's own cap).`),
    }),
    now: await requestNow(),
  });
  return jsonResponse(result, { status: result.status === "created" ? 201 : result.status === "ignored" ? 202 : 200 });
});
