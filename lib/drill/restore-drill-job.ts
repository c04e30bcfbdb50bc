import { databaseUrl, env } from "@/lib/env";
import type { JobDefinition } from "@/lib/jobs/types";
import { withJobLock } from "@/lib/jobs/job-lock";
import { runRestoreDrill } from "@/lib/drill/run-restore-drill";
import { recordRestoreDrill } from "@/lib/drill/record-restore-drill";

export const RESTORE_DRILL_JOB = "ops.restore-drill";

/**
 * The restore drill in the worker: off unless DRILL_SCHEDULE holds a cron expression (weekly, e.g.
 * "30 3 * * 0") and DRILL_PROJECT names the project its evidence goes to. One drill at a time across
 * workers (a lock), and a failure is recorded as FAIL evidence with its reason, not thrown.
 */
export function restoreDrillJob(): JobDefinition<Record<string, never>> {
  const e = env();
  const scheduled = e.DRILL_SCHEDULE !== "off" && Boolean(e.DRILL_PROJECT);
  return {
    name: RESTORE_DRILL_JOB,
    ...(scheduled ? { cron: e.DRILL_SCHEDULE } : {}),
    expireInSeconds: 4 * 60 * 60,
    async run() {
      const project = env().DRILL_PROJECT;
      if (!project) {
        console.log("[drill] DRILL_PROJECT is not set: no restore drill run.");
        return;
      }
      await withJobLock(RESTORE_DRILL_JOB, async () => {
        const result = await runRestoreDrill({ sourceUrl: databaseUrl() });
        const evidence = await recordRestoreDrill({
          result,
          projectSlug: project,
          rtoTargetSeconds: env().DRILL_RTO_TARGET_SECONDS,
          now: new Date(),
        });
        console.log(
          `[drill] ${evidence.outcome} in ${result.seconds} s (${result.method}): evidence ${evidence.id} in ${project}${result.reason ? `; ${result.reason}` : ""}`,
        );
      });
    },
  };
}
