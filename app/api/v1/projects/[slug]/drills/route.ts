import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { readBodyBytes } from "@/lib/core/http/read-body";
import { requestNow } from "@/lib/clock";
import { BadRequestError, UnsupportedMediaTypeError } from "@/lib/errors";
import { pushDrill, type DrillFile } from "@/lib/evidence/push-drill";
import { MB } from "@/lib/ingest/limits";
import { ZDrillPushQuery } from "@/lib/schemas/evidence";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

/** Drill files are console logs and query output: the whole form is read at once, so it is capped. */
const DRILL_BODY_LIMIT = 64 * MB;

// Several files pushed as one restore drill: multipart/form-data, one file part per tool output.
export const POST = defineRoute(
  { auth: "session-or-token", permission: "evidence:write", params, query: ZDrillPushQuery },
  async ({ ctx, params, query, req }) => {
    const type = req.headers.get("content-type") ?? "";
    if (!/^multipart\/form-data\s*;/i.test(type)) {
      throw new UnsupportedMediaTypeError(
        `Send the drill's files as multipart/form-data, one file part each (got ${type ? `"${type}"` : "no content type"}).`,
      );
    }
    const bytes = await readBodyBytes(req, DRILL_BODY_LIMIT);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(bytes), { headers: { "content-type": type } }).formData();
    } catch {
      throw new BadRequestError("The body is not valid multipart/form-data.");
    }
    const files: DrillFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === "string")
        throw new BadRequestError(
          `Form field "${field}" is text; every part must be a file (the drill's name and runbook go in the query).`,
        );
      files.push({ filename: value.name || field, bytes: Buffer.from(await value.arrayBuffer()) });
    }
    const result = await pushDrill({ ctx, projectSlug: params.slug, query, files, now: await requestNow() });
    return jsonResponse(result, {
      status: result.drill.status === "created" ? 201 : 200,
      headers: { location: `/api/v1/projects/${params.slug}/evidence/${result.drill.id}` },
    });
  },
);
