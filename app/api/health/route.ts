import { checkHealth } from "@/lib/health";
import { callerIsAdmin } from "@/lib/health-access";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";

export const dynamic = "force-dynamic";

/**
 * Public (load balancers and monitors call it without signing in), so it says only whether each part
 * is up. The reason a part is down (a database error names hosts, ports and roles) goes to the server
 * log, and to signed-in admins. Load balancers should prefer /api/health/live and /api/health/ready.
 */
export const GET = defineRoute({ auth: "public" }, async ({ req, requestId }) => {
  const report = await checkHealth();
  if (report.database.error) {
    console.error(`[${requestId}] health: database down: ${report.database.error}`);
    if (!(await callerIsAdmin(req))) delete report.database.error;
  }
  return jsonResponse(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
});
