import { checkReadiness, publicReadiness } from "@/lib/health";
import { callerIsAdmin } from "@/lib/health-access";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";

export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer: 200 when the database and the blob store answer and every shipped
 * migration is applied, else 503. Public, so anonymous callers see each part's status only; the
 * reasons go to the server log and to signed-in admins.
 */
export const GET = defineRoute({ auth: "public" }, async ({ req, requestId }) => {
  const report = await checkReadiness();
  const down = Object.entries(report.checks).filter(([, c]) => c.status !== "ok");
  for (const [name, c] of down) console.error(`[${requestId}] readiness: ${name} down: ${c.error ?? "unknown"}`);
  const body = down.length && (await callerIsAdmin(req)) ? report : publicReadiness(report);
  return jsonResponse(body, {
    status: report.status === "ready" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
