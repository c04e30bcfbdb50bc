// The background worker: runs queued and scheduled jobs (readiness snapshots, packet builds) outside the
// web server, so CPU-heavy work never blocks requests. `npm start` runs it beside the app.
// WORKER_HEALTH_PORT (optional) serves GET /health, so that a supervisor or the e2e suite can wait for it.
import "./lib/load-env";
import http from "node:http";

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error("The worker needs DATABASE_URL (npm start sets it).");
    process.exit(1);
  }
  const { JOBS } = await import("../lib/jobs/registry");
  const { runWorker } = await import("../lib/jobs/run-worker");
  const { disconnectDb } = await import("../lib/db");
  const worker = await runWorker(JOBS);
  // The activity trail is checked (and its head signed) at start, then hourly by its cron.
  const { trailCheckJob } = await import("../lib/activity/trail-check-job");
  await worker.boss.send(trailCheckJob.name, {});
  console.log(`Worker ready: ${JOBS.length ? JOBS.map((j) => j.name).join(", ") : "no job kinds registered"}.`);

  let server: http.Server | undefined;
  const port = Number(process.env.WORKER_HEALTH_PORT ?? 0);
  if (port) {
    server = http.createServer((req, res) => {
      res.writeHead(req.url === "/health" ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: req.url === "/health" ? "ok" : "not-found", jobs: JOBS.map((j) => j.name) }));
    });
    server.listen(port, "127.0.0.1");
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server?.close();
    await worker.stop();
    await disconnectDb();
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
