// The background worker: runs queued and scheduled jobs (readiness snapshots, packet builds) outside the
// web server, so CPU-heavy work never blocks requests. `npm start` runs it beside the app.
// WORKER_HEALTH_PORT (optional) serves GET /health, so that a supervisor or the e2e suite can wait for it
// (503 once the worker is stopping).
// SIGTERM/SIGINT: stop fetching, hand running jobs back to the queue (lib/jobs/hand-back.ts), waiting at
// most WORKER_STOP_GRACE_MS (default 8000) for them, then exit 0. Another worker picks the jobs up.
import "./lib/load-env";
import http from "node:http";

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error("The worker needs DATABASE_URL (npm start sets it).");
    process.exit(1);
  }
  const { JOBS } = await import("../lib/jobs/registry");
  const { runWorker } = await import("../lib/jobs/run-worker");
  const { env } = await import("../lib/env");
  const { disconnectDb } = await import("../lib/db");
  const worker = await runWorker(JOBS);
  // The activity trail is checked (and its head signed) at start, then hourly by its cron.
  const { trailCheckJob } = await import("../lib/activity/trail-check-job");
  await worker.boss.send(trailCheckJob.name, {});
  console.log(`Worker ready: ${JOBS.length ? JOBS.map((j) => j.name).join(", ") : "no job kinds registered"}.`);

  let server: http.Server | undefined;
  let stopping = false;
  const port = Number(process.env.WORKER_HEALTH_PORT ?? 0);
  if (port) {
    server = http.createServer((req, res) => {
      const status = req.url !== "/health" ? 404 : stopping ? 503 : 200;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          status: status === 404 ? "not-found" : stopping ? "stopping" : "ok",
          pid: process.pid,
          jobs: JOBS.map((j) => j.name),
        }),
      );
    });
    server.listen(port, "127.0.0.1");
  }

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const grace = env().WORKER_STOP_GRACE_MS;
    console.log(
      `Worker stopping (${signal}): running jobs are handed back to the queue (waiting at most ${grace} ms).`,
    );
    await worker.stop(grace);
    server?.close();
    await disconnectDb();
    console.log("Worker stopped.");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
