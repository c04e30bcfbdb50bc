import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { resolveAsOf } from "@/lib/readiness/as-of";
import { exportReadinessCsv } from "@/lib/readiness/export-readiness-csv";
import { ZReadinessParams, ZReadinessQuery } from "@/lib/schemas/readiness";
import { csvResponse } from "@/lib/core/http/csv";

export const GET = defineRoute(
  { auth: "session-or-token", permission: "readiness:read", params: ZReadinessParams, query: ZReadinessQuery },
  async ({ ctx, params, query }) => {
    const now = await requestNow();
    const { filename, body } = await exportReadinessCsv({
      ctx,
      slug: params.slug,
      framework: query.framework,
      at: resolveAsOf(query.at, now),
      now,
    });
    return csvResponse(body, filename);
  },
);
