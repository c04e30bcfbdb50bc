import { checkHealth } from "@/lib/health";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/api/json";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "public" }, async () => {
  const report = await checkHealth();
  return jsonResponse(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
});
