import { defineRoute } from "@/lib/api/handler";
import { csvResponse } from "@/lib/core/http/csv";
import { requestNow } from "@/lib/clock";
import { ZAccessReviewQuery } from "@/lib/schemas/identity";
import { exportUserAccessReview } from "@/lib/users/access-review";

// GET /api/v1/users/access-review?asOf=YYYY-MM-DD: who had which role, and since when, as CSV.
export const GET = defineRoute(
  { auth: "session", permission: "user:read", query: ZAccessReviewQuery },
  async ({ ctx, query }) => {
    const out = await exportUserAccessReview({ ctx, asOf: query.asOf, now: await requestNow() });
    return csvResponse(out.csv, out.filename);
  },
);
