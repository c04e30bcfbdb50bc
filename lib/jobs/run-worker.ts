import PgBoss from "pg-boss";
import { bossOptions } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/types";

export interface RunningWorker {
  boss: PgBoss;
  stop(): Promise<void>;
}

/** Starts a pg-boss worker for the given job definitions (queues created, cron schedules registered). */
export async function runWorker(jobs: JobDefinition<never>[], log: (line: string) => void = console.log): Promise<RunningWorker> {
  const b = new PgBoss(bossOptions("worker"));
  b.on("error", (err) => log(`[worker] ${err instanceof Error ? err.message : String(err)}`));
  await b.start();
  for (const job of jobs) {
    await b.createQueue(job.name, {
      name: job.name,
      expireInSeconds: job.expireInSeconds ?? 15 * 60,
      retryLimit: job.retryLimit ?? 0,
    });
    // pg-boss 10 runs one job at a time per work() subscription: subscribe `concurrency` times.
    for (let i = 0; i < (job.concurrency ?? 1); i++) {
      await b.work<object>(job.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([j]) => {
        const started = Date.now();
        try {
          await job.run(j.data as never, { id: j.id });
          log(`[worker] ${job.name} ${j.id} done in ${Date.now() - started} ms`);
        } catch (err) {
          log(`[worker] ${job.name} ${j.id} failed: ${err instanceof Error ? err.message : String(err)}`);
          throw err;
        }
      });
    }
    if (job.cron) await b.schedule(job.name, job.cron, {}, { tz: "UTC" } as PgBoss.ScheduleOptions);
  }
  return { boss: b, stop: () => b.stop({ graceful: true, wait: true }) };
}
