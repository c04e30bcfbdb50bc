import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { readOriginal } from "@/lib/evidence/read-original";

const params = z.strictObject({ slug: z.string().min(1).max(100), id: z.string().min(1).max(100) });

// The original bytes, always as a download (never rendered by the browser).
export const GET = defineRoute({ auth: "session-or-token", permission: "evidence:read", params }, async ({ ctx, params }) => {
  const original = await readOriginal({ ctx, projectSlug: params.slug, evidenceId: params.id });
  return new Response(original.stream, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(original.size),
      "content-disposition": `attachment; filename="${original.filename}"`,
      "x-content-type-options": "nosniff",
      etag: `"${original.sha256}"`,
      "x-proofline-sha256": original.sha256,
    },
  });
});
