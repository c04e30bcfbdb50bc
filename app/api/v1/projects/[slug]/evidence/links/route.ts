import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { recordLink } from "@/lib/evidence/record-link";
import { ZEvidenceLink } from "@/lib/schemas/evidence";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const POST = defineRoute(
  { auth: "session-or-token", permission: "evidence:write", params, body: ZEvidenceLink },
  async ({ ctx, params, body }) => {
    const result = await recordLink({ ctx, projectSlug: params.slug, data: body, now: await requestNow() });
    return jsonResponse(result, { status: result.status === "created" ? 201 : 200 });
  },
);
