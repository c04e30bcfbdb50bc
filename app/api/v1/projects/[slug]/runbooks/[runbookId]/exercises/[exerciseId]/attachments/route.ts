import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { readBodyBytes } from "@/lib/core/http/read-body";
import { requestNow } from "@/lib/clock";
import { formatBytes } from "@/lib/ingest/limits";
import { ATTACHMENT_MAX_BYTES, attachExerciseFile } from "@/lib/runbooks/exercise-attachments";

const params = z.strictObject({
  slug: z.string().min(1).max(100),
  runbookId: z.string().min(1).max(40),
  exerciseId: z.string().min(1).max(40),
});
const query = z.strictObject({ filename: z.string().min(1).max(400) });

// The body is the file itself; ?filename= names it. 201 when attached, 200 when the same file already was.
export const POST = defineRoute(
  { auth: "session-or-token", permission: "runbook:exercise", params, query },
  async ({ ctx, params, query, req }) => {
    const bytes = await readBodyBytes(req, ATTACHMENT_MAX_BYTES, {
      declared: (size) =>
        `The file is ${formatBytes(size)}; an attachment may be up to ${formatBytes(ATTACHMENT_MAX_BYTES)}.`,
      passed: () => `The file passes the limit of ${formatBytes(ATTACHMENT_MAX_BYTES)} for an attachment.`,
    });
    const result = await attachExerciseFile({
      ctx,
      ...params,
      bytes,
      filename: query.filename,
      contentType: req.headers.get("content-type"),
      now: await requestNow(),
    });
    return jsonResponse(
      { status: result.created ? "created" : "existing", attachment: result.attachment },
      { status: result.created ? 201 : 200 },
    );
  },
);
