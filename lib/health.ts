import { prisma } from "@/lib/db";

export interface HealthReport {
  status: "ok" | "degraded";
  app: { status: "ok"; version: string; uptimeSeconds: number };
  database: { status: "ok" | "down"; latencyMs?: number; error?: string; migrations?: number };
  checkedAt: string;
}

const TIMEOUT_MS = 3000;

export async function checkHealth(): Promise<HealthReport> {
  const started = performance.now();
  let database: HealthReport["database"];
  try {
    const rows = await Promise.race([
      prisma.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
    ]);
    database = { status: "ok", latencyMs: Math.round(performance.now() - started), migrations: Number(rows[0]?.n ?? 0) };
  } catch (err) {
    database = { status: "down", error: err instanceof Error ? err.message.split("\n")[0] : String(err) };
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    app: { status: "ok", version: process.env.npm_package_version ?? "0.1.0", uptimeSeconds: Math.round(process.uptime()) },
    database,
    checkedAt: new Date().toISOString(),
  };
}
