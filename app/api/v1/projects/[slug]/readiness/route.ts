import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { resolveAsOf } from "@/lib/readiness/as-of";
import { getReadinessReport } from "@/lib/readiness/get-readiness-report";
import { ZReadinessParams, ZReadinessQuery } from "@/lib/schemas/readiness";

// The CI gate (and the scorecard's data): score, family figures, the previous snapshot and every unmet
// requirement with its reasons. A project token with the "readiness:read" scope, or a session.
export const GET = defineRoute(
  { auth: "session-or-token", permission: "readiness:read", params: ZReadinessParams, query: ZReadinessQuery },
  async ({ ctx, params, query }) => {
    const now = await requestNow();
    return getReadinessReport({
      ctx,
      slug: params.slug,
      framework: query.framework,
      at: resolveAsOf(query.at, now),
      now,
    });
  },
);
