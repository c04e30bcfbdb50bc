import PgBoss from "pg-boss";
import { databaseUrl } from "@/lib/env";

// pg-boss keeps its queue in the app's own PostgreSQL (schema "pgboss"), so no other service is needed.
// The web server only sends jobs (no supervision or cron there); the worker process runs them.

const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss> };

export function bossOptions(role: "web" | "worker"): PgBoss.ConstructorOptions {
  return {
    connectionString: databaseUrl(),
    schema: "pgboss",
    max: role === "web" ? 2 : 4,
    supervise: role === "worker",
    schedule: role === "worker",
    application_name: `proofline-${role}`,
  };
}

/** The process's pg-boss client for sending jobs, started on first use. */
export function boss(): Promise<PgBoss> {
  return (globalForBoss.boss ??= (async () => {
    const b = new PgBoss(bossOptions("web"));
    b.on("error", (err) => console.error("[jobs]", err));
    await b.start();
    return b;
  })());
}

export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.boss;
  globalForBoss.boss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true });
}
