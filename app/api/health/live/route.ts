import { checkLiveness } from "@/lib/health";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";

export const dynamic = "force-dynamic";

/** Liveness for a supervisor or load balancer: public, asks no dependency (a database outage is not a reason to restart). */
export const GET = defineRoute({ auth: "public" }, async () =>
  jsonResponse(checkLiveness(), { headers: { "cache-control": "no-store" } }),
);
