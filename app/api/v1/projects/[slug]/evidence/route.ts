import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { declaredLength, requestBody } from "@/lib/core/http/read-body";
import { validate } from "@/lib/api/validate";
import { requestNow } from "@/lib/clock";
import { ingestEvidence } from "@/lib/evidence/ingest-evidence";
import { listEvidence } from "@/lib/evidence/list-evidence";
import { metaFromHeaders } from "@/lib/evidence/push-headers";
import { formatBytes } from "@/lib/ingest/limits";
import { IngestRefusal } from "@/lib/core/http/refusal";
import { ingestLimits } from "@/lib/limits";
import { ZEvidenceListQuery, ZEvidencePushMeta } from "@/lib/schemas/evidence";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

// The raw body is the evidence: it is streamed to disk, never parsed as a JSON request. It may come
// gzip-encoded (the limit is on the decoded bytes) and with a Content-Digest, checked as it streams.
export const POST = defineRoute(
  { auth: "session-or-token", permission: "evidence:write", params, query: ZEvidencePushMeta },
  async ({ ctx, params, query, req }) => {
    const meta = validate(ZEvidencePushMeta, { ...metaFromHeaders(req.headers), ...query }, "query");
    const gzip = /^\s*(?:x-)?gzip\s*$/i.test(req.headers.get("content-encoding") ?? "");
    const limit = ingestLimits().maxBodyBytes;
    const body = requestBody(req, {
      limit,
      tooLarge: (declared, max) =>
        new IngestRefusal(
          "body-too-large",
          declared === null
            ? `The body passes the limit of ${formatBytes(max)}${gzip ? " once decompressed" : ""}.`
            : `The body is ${formatBytes(declared)}; the limit is ${formatBytes(max)}.`,
        ),
    });
    const result = await ingestEvidence({
      ctx,
      projectSlug: params.slug,
      body,
      // Compressed bytes say nothing about the decoded size: only a plain body's length is checked up front.
      declaredLength: gzip ? null : declaredLength(req.headers),
      contentType: req.headers.get("content-type"),
      meta,
      now: await requestNow(),
    });
    return jsonResponse(result, {
      status: result.status === "created" ? 201 : 200,
      headers: { location: `/api/v1/projects/${params.slug}/evidence/${result.id}` },
    });
  },
);

export const GET = defineRoute(
  { auth: "session-or-token", permission: "evidence:read", params, query: ZEvidenceListQuery },
  async ({ ctx, params, query }) => listEvidence({ ctx, projectSlug: params.slug, query }),
);
