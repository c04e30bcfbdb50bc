/** A kind of background work. Areas declare theirs in lib/jobs/registry.ts. */
export interface JobDefinition<T extends object = Record<string, unknown>> {
  name: string;
  /** Cron expression (UTC) for recurring jobs, e.g. "15 0 * * *" for daily at 00:15. */
  cron?: string;
  /** How many of this job one worker runs at once (default 1: CPU-bound work stays serial). */
  concurrency?: number;
  /** Seconds before a running job counts as expired and may be retried (default 15 minutes). */
  expireInSeconds?: number;
  /** Times pg-boss may run the job again after a failure; a job handed back on shutdown uses one (lib/jobs/hand-back.ts). */
  retryLimit?: number;
  /** `signal` aborts when the worker is stopping: long jobs hand themselves back (HandBack) at a safe point. */
  run(data: T, job: { id: string; signal: AbortSignal }): Promise<void>;
}
