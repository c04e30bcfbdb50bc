import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { DAY_MS, computeSnapshotRows, dayKey, saveSnapshotRows, utcDay } from "@/lib/readiness/snapshot-days";

/** How far back trends go, and so how far back a missing history is filled in. */
export const TREND_DAYS = 90;

export interface RunDailySnapshotsOptions {
  ctx: RequestCtx;
  now: Date;
  /** Only these projects (default: every project that is not archived). */
  projectIds?: string[];
  /**
   * How far back a missing history may be filled. By default from the day each project was created
   * (before that nothing was known about it); the demo seed, whose evidence predates its projects,
   * passes the start of the trend window.
   */
  backfillFrom?: Date;
  /**
   * Leave a project alone when yesterday's snapshots were already settled today (after the day ended):
   * a second run on the same day (several workers, a manual run beside the nightly one) does nothing.
   */
  skipSettled?: boolean;
}

export interface DailySnapshotReport {
  projects: number;
  days: number;
  rows: number;
}

/**
 * The daily job: settles yesterday's snapshot (readiness as of the end of the day) for every active
 * project, and fills any days missing since the project's last snapshot (up to 90 days back, and not
 * before the project was created) from history, so a project gets its trend at once.
 */
export async function runDailySnapshots({
  ctx,
  now,
  projectIds,
  backfillFrom,
  skipSettled = false,
}: RunDailySnapshotsOptions): Promise<DailySnapshotReport> {
  assertCan(ctx.actor, "readiness:snapshot");
  const today = utcDay(now);
  const yesterday = new Date(today.getTime() - DAY_MS);
  const earliest = new Date(today.getTime() - TREND_DAYS * DAY_MS);
  const projects = await prisma.project.findMany({
    where: { archivedAt: null, ...(projectIds ? { id: { in: projectIds } } : {}) },
    select: { id: true, createdAt: true, frameworks: { select: { frameworkId: true } } },
    orderBy: { slug: "asc" },
  });
  const report: DailySnapshotReport = { projects: 0, days: 0, rows: 0 };
  for (const project of projects) {
    if (!project.frameworks.length) continue;
    // The oldest "latest snapshot" across the project's frameworks decides where to resume.
    const latest = await prisma.scoreSnapshot.groupBy({
      by: ["frameworkId"],
      where: { projectId: project.id, day: { gte: earliest, lt: today } },
      _max: { day: true },
    });
    const lastByFramework = new Map(latest.map((l) => [l.frameworkId, l._max.day]));
    const lasts = project.frameworks.map((f) => lastByFramework.get(f.frameworkId) ?? null);
    const resumeAfter = lasts.some((d) => d === null) ? null : new Date(Math.min(...lasts.map((d) => d!.getTime())));
    const floor = Math.max(earliest.getTime() + DAY_MS, utcDay(backfillFrom ?? project.createdAt).getTime());
    if (skipSettled && resumeAfter && resumeAfter.getTime() >= yesterday.getTime()) {
      const unsettled = await prisma.scoreSnapshot.count({
        where: { projectId: project.id, day: yesterday, computedAt: { lt: today } },
      });
      if (!unsettled) continue;
    }
    const start = resumeAfter ? Math.min(resumeAfter.getTime() + DAY_MS, yesterday.getTime()) : floor;
    const days: Date[] = [];
    for (let t = Math.max(start, floor); t <= yesterday.getTime(); t += DAY_MS) days.push(new Date(t));
    if (!days.length) continue; // created today: its first snapshot is tomorrow's (or taken on demand)
    const rows = await computeSnapshotRows(project.id, days, now);
    await saveSnapshotRows({
      ctx,
      projectId: project.id,
      rows,
      summary: { from: dayKey(days[0]), to: dayKey(days[days.length - 1]), days: days.length },
    });
    report.projects++;
    report.days += days.length;
    report.rows += rows.length;
  }
  return report;
}
