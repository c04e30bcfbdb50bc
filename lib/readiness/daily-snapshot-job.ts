import { systemCtx } from "@/lib/auth/actor";
import type { JobDefinition } from "@/lib/jobs/types";
import { runDailySnapshots } from "@/lib/readiness/run-daily-snapshots";
import { withJobLock } from "@/lib/jobs/job-lock";

/**
 * Daily at 00:15 UTC: settle yesterday's readiness snapshots and fill any gap in the last 90 days. Under
 * a lock: with several workers a second run waits, then finds every day done (one snapshot, one event).
 */
export const dailySnapshotJob: JobDefinition<Record<string, never>> = {
  name: "readiness.daily-snapshots",
  cron: "15 0 * * *",
  expireInSeconds: 60 * 60,
  async run() {
    const report = await withJobLock("readiness.daily-snapshots", () =>
      runDailySnapshots({ ctx: systemCtx("readiness-daily-job"), now: new Date(), skipSettled: true }),
    );
    console.log(`[readiness] snapshots: ${report.projects} project(s), ${report.days} day(s), ${report.rows} row(s)`);
  },
};
