import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { takeSnapshot } from "@/lib/readiness/take-snapshot";
import { ZReadinessParams } from "@/lib/schemas/readiness";

// Records today's readiness for the project now (the on-demand snapshot).
export const POST = defineRoute(
  { auth: "session", permission: "readiness:snapshot", params: ZReadinessParams },
  async ({ ctx, params }) => takeSnapshot({ ctx, slug: params.slug, now: await requestNow() }),
);
