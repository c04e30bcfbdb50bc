import type { JobDefinition } from "@/lib/jobs/types";
import { dailySnapshotJob } from "@/lib/readiness/daily-snapshot-job";
import { packetBuildJob } from "@/lib/packets/build-packet-job";
import { populationBuildJob } from "@/lib/audits/population-build";
import { trailCheckJob } from "@/lib/activity/trail-check-job";
import { restoreDrillJob } from "@/lib/drill/restore-drill-job";

// Every background job the worker runs. Areas add their definitions here.
export const JOBS: JobDefinition<never>[] = [
  dailySnapshotJob,
  packetBuildJob as JobDefinition<never>,
  populationBuildJob as JobDefinition<never>,
  trailCheckJob,
  restoreDrillJob(),
];
