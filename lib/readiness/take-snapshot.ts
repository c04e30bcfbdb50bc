import type { RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { computeSnapshotRows, dayKey, saveSnapshotRows, utcDay } from "@/lib/readiness/snapshot-days";

export interface TakeSnapshotOptions {
  ctx: RequestCtx;
  slug: string;
  now: Date;
}

export interface TakenSnapshot {
  day: string;
  frameworks: Array<{ frameworkId: string; score: number | null; met: number; applicable: number }>;
}

/**
 * Records today's readiness for one project, per framework, now (the on-demand action). Taking it
 * again the same day replaces the day's figures; the daily job later settles the day as of its end.
 */
export async function takeSnapshot({ ctx, slug, now }: TakeSnapshotOptions): Promise<TakenSnapshot> {
  const project = await resolveProject({
    ctx,
    slug,
    permission: "readiness:snapshot",
    write: "recording its readiness",
    now,
  });
  const day = utcDay(now);
  const rows = await computeSnapshotRows(project.id, [day], now);
  await saveSnapshotRows({
    ctx,
    projectId: project.id,
    rows,
    summary: {
      day: dayKey(day),
      scores: rows.map((r) => ({ frameworkId: r.frameworkId, met: r.met, applicable: r.applicable })),
    },
  });
  return {
    day: dayKey(day),
    frameworks: rows.map(({ frameworkId, score, met, applicable }) => ({ frameworkId, score, met, applicable })),
  };
}
