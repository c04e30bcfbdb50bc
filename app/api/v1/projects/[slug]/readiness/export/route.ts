import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { resolveAsOf } from "@/lib/readiness/as-of";
import { exportReadinessCsv } from "@/lib/readiness/export-readiness-csv";
import { ZReadinessParams, ZReadinessQuery } from "@/lib/schemas/readiness";

export const GET = defineRoute(
  { auth: "session-or-token", permission: "readiness:read", params: ZReadinessParams, query: ZReadinessQuery },
  async ({ ctx, params, query }) => {
    const now = await requestNow();
    const { filename, body } = await exportReadinessCsv({ ctx, slug: params.slug, framework: query.framework, at: resolveAsOf(query.at, now), now });
    return new Response(body, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
    });
  },
);
