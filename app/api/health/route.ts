import { checkHealth } from "@/lib/health";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/api/json";
import { readSessionToken, userForSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/**
 * Public (load balancers and monitors call it without signing in), so it says only whether each part
 * is up. The reason a part is down (a database error names hosts, ports and roles) goes to the server
 * log, and to signed-in admins.
 */
export const GET = defineRoute({ auth: "public" }, async ({ req, requestId }) => {
  const report = await checkHealth();
  if (report.database.error) {
    console.error(`[${requestId}] health: database down: ${report.database.error}`);
    const session = await readSessionToken(req.headers.get("cookie")).catch(() => null);
    const user = session ? await userForSession(session.userId, session.sessionVersion).catch(() => null) : null;
    if (user?.role !== "ADMIN") delete report.database.error;
  }
  return jsonResponse(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
});
