import type { JobDefinition } from "@/lib/jobs/types";
import { checkActivityTrail } from "@/lib/activity/check-activity-trail";

/** Hourly: verify the activity trail against its signed heads, record the result, sign the new head. */
export const trailCheckJob: JobDefinition<Record<string, never>> = {
  name: "activity.trail-check",
  cron: "7 * * * *",
  expireInSeconds: 30 * 60,
  async run() {
    const { report, signed } = await checkActivityTrail({ now: new Date() });
    if (report.ok)
      console.log(
        `[activity] trail intact: ${report.checked} event(s), ${report.signedHeads} signed head(s)${signed ? `; signed head at event ${signed.eventId}` : ""}`,
      );
    else console.error(`[activity] TRAIL BROKEN at event ${report.firstBreak?.eventId}: ${report.firstBreak?.reason}`);
  },
};
