import { Readable } from "node:stream";
import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/api/json";
import { validate } from "@/lib/api/validate";
import { requestNow } from "@/lib/clock";
import { ingestEvidence } from "@/lib/evidence/ingest-evidence";
import { listEvidence } from "@/lib/evidence/list-evidence";
import { metaFromHeaders } from "@/lib/evidence/push-headers";
import { ZEvidenceListQuery, ZEvidencePushMeta } from "@/lib/schemas/evidence";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

// The raw body is the evidence: it is streamed to disk, never parsed as a JSON request.
export const POST = defineRoute({ auth: "session-or-token", permission: "evidence:write", params, query: ZEvidencePushMeta }, async ({ ctx, params, query, req }) => {
  const meta = validate(ZEvidencePushMeta, { ...metaFromHeaders(req.headers), ...query }, "query");
  const length = req.headers.get("content-length");
  const result = await ingestEvidence({
    ctx,
    projectSlug: params.slug,
    body: req.body ? Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>) : Readable.from([]),
    declaredLength: length === null ? null : Number(length),
    contentType: req.headers.get("content-type"),
    meta,
    now: await requestNow(),
  });
  return jsonResponse(result, {
    status: result.status === "created" ? 201 : 200,
    headers: { location: `/api/v1/projects/${params.slug}/evidence/${result.id}` },
  });
});

export const GET = defineRoute({ auth: "session-or-token", permission: "evidence:read", params, query: ZEvidenceListQuery }, async ({ ctx, params, query }) =>
  listEvidence({ ctx, projectSlug: params.slug, query }),
);
