import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { readOriginal } from "@/lib/evidence/read-original";
import { downloadResponse } from "@/lib/core/http/download";

const params = z.strictObject({ slug: z.string().min(1).max(100), id: z.string().min(1).max(100) });

// The original bytes, always as a download (never rendered by the browser).
export const GET = defineRoute(
  { auth: "session-or-token", permission: "evidence:read", params },
  async ({ ctx, params }) => {
    const original = await readOriginal({ ctx, projectSlug: params.slug, evidenceId: params.id });
    return downloadResponse(original.stream, {
      filename: original.filename,
      size: original.size,
      headers: { etag: `"${original.sha256}"`, "x-proofline-sha256": original.sha256 },
    });
  },
);
