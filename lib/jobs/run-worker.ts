import PgBoss from "pg-boss";
import { bossOptions } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/types";
import { HandBack } from "@/lib/jobs/hand-back";
import { withJobLock } from "@/lib/jobs/job-lock";

export interface RunningWorker {
  boss: PgBoss;
  /**
   * Stops fetching, tells running jobs to hand themselves back (their signal aborts), waits up to
   * `graceMs` for them, then fails whatever still runs (pg-boss retries it where the job allows).
   */
  stop(graceMs?: number): Promise<void>;
}

/** How long a stopping worker waits for its running jobs (WORKER_STOP_GRACE_MS; systemd and npm start allow 10 s). */
export const DEFAULT_STOP_GRACE_MS = 8000;

/** Starts a pg-boss worker for the given job definitions (queues created, cron schedules registered). */
export async function runWorker(
  jobs: JobDefinition<never>[],
  log: (line: string) => void = console.log,
): Promise<RunningWorker> {
  const b = new PgBoss(bossOptions("worker"));
  b.on("error", (err) => log(`[worker] ${err instanceof Error ? err.message : String(err)}`));
  await b.start();
  const stopping = new AbortController();
  // Workers starting together would create and alter the same queues at once, which deadlocks inside
  // pg-boss (seen with two workers): one worker at a time sets queues and schedules up.
  await withJobLock("worker-setup", () => setUp(b, jobs, stopping.signal, log));
  return {
    boss: b,
    async stop(graceMs = DEFAULT_STOP_GRACE_MS) {
      stopping.abort();
      await b.stop({ graceful: true, wait: true, timeout: graceMs });
    },
  };
}

async function setUp(
  b: PgBoss,
  jobs: JobDefinition<never>[],
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<void> {
  for (const job of jobs) {
    const settings = {
      expireInSeconds: job.expireInSeconds ?? 15 * 60,
      retryLimit: job.retryLimit ?? 0,
      retryDelay: 0,
    };
    await b.createQueue(job.name, { name: job.name, ...settings });
    // A queue made by an older release keeps its settings otherwise (createQueue leaves an existing one).
    await b.updateQueue(job.name, { name: job.name, ...settings } as PgBoss.Queue);
    // pg-boss 10 runs one job at a time per work() subscription: subscribe `concurrency` times.
    for (let i = 0; i < (job.concurrency ?? 1); i++) {
      await b.work<object>(job.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([j]) => {
        const started = Date.now();
        log(`[worker] ${job.name} ${j.id} started (pid ${process.pid})`);
        try {
          await job.run(j.data as never, { id: j.id, signal });
          log(`[worker] ${job.name} ${j.id} done in ${Date.now() - started} ms`);
        } catch (err) {
          if (err instanceof HandBack) log(`[worker] ${job.name} ${j.id}: ${err.message}`);
          else log(`[worker] ${job.name} ${j.id} failed: ${err instanceof Error ? err.message : String(err)}`);
          throw err;
        }
      });
    }
    // A schedule turned off (no cron now) is removed: pg-boss keeps schedules in the database.
    if (job.cron) await b.schedule(job.name, job.cron, {}, { tz: "UTC" } as PgBoss.ScheduleOptions);
    else await b.unschedule(job.name);
  }
}
