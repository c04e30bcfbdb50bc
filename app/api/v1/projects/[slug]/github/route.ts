import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/api/json";
import { requestNow } from "@/lib/clock";
import { handleGithubWebhook } from "@/lib/evidence/handle-github-webhook";
import { readRawBody } from "@/lib/evidence/read-raw-body";

const params = z.strictObject({ slug: z.string().min(1).max(100) });
const GITHUB_PAYLOAD_LIMIT = 25 * 1024 * 1024; // GitHub caps deliveries at 25 MB

// Authenticated by the delivery's HMAC signature (checked in handleGithubWebhook), not by a session.
export const POST = defineRoute({ auth: "public", params }, async ({ params, req }) => {
  const result = await handleGithubWebhook({
    projectSlug: params.slug,
    event: req.headers.get("x-github-event"),
    deliveryId: req.headers.get("x-github-delivery"),
    signature: req.headers.get("x-hub-signature-256"),
    contentType: req.headers.get("content-type"),
    body: await readRawBody(req, GITHUB_PAYLOAD_LIMIT),
    now: await requestNow(),
  });
  return jsonResponse(result, { status: result.status === "created" ? 201 : result.status === "ignored" ? 202 : 200 });
});
