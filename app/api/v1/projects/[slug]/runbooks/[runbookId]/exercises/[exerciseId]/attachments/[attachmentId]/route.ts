import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { openExerciseAttachment } from "@/lib/runbooks/exercise-attachments";
import { downloadResponse } from "@/lib/core/http/download";

const params = z.strictObject({
  slug: z.string().min(1).max(100),
  runbookId: z.string().min(1).max(40),
  exerciseId: z.string().min(1).max(40),
  attachmentId: z.string().min(1).max(40),
});

// Always a download, never rendered by the browser, whatever type the uploader claimed.
export const GET = defineRoute(
  { auth: "session-or-token", permission: "runbook:read", params },
  async ({ ctx, params }) => {
    const file = await openExerciseAttachment({ ctx, ...params });
    return downloadResponse(file.stream, {
      filename: file.attachment.filename,
      size: file.size,
      headers: { etag: `"${file.attachment.sha256}"`, "x-proofline-sha256": file.attachment.sha256 },
    });
  },
);
