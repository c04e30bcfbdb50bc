// Computing and storing snapshots for given days (shared by the on-demand action, the daily job and
// the demo backfill). A day's snapshot is readiness as of the end of that UTC day, or as of `now`
// for today. Rows are written in one statement (INSERT ... SELECT FROM unnest ... ON CONFLICT).
import { prisma, type Tx } from "@/lib/db";
import { systemCtx, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import type { FrameworkResult } from "@/lib/readiness/types";
import { DAY_MS } from "@/lib/core/time";

export { DAY_MS };

/** Midnight UTC of the day `at` falls in. */
export function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function dayKey(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** The moment a day's snapshot describes: the end of the day, or `now` if the day is not over. */
export function snapshotMoment(day: Date, now: Date): Date {
  const end = new Date(utcDay(day).getTime() + DAY_MS - 1);
  return end.getTime() < now.getTime() ? end : now;
}

export interface SnapshotRow {
  frameworkId: string;
  day: Date;
  score: number | null;
  met: number;
  applicable: number;
  detail: Record<string, unknown>;
}

export function snapshotRow(fw: FrameworkResult, day: Date, at: Date): SnapshotRow {
  return {
    frameworkId: fw.frameworkId,
    day: utcDay(day),
    score: fw.score,
    met: fw.met,
    applicable: fw.applicable,
    detail: {
      at: at.toISOString(),
      families: fw.families.map((f) => ({ refId: f.refId, title: f.title, met: f.met, applicable: f.applicable })),
      controlCounts: fw.controlCounts,
    },
  };
}

/**
 * Computes one project's readiness for each day, through the one scoring module (reads only, outside
 * any transaction; the caller has checked its own permission, so the reading is the system's).
 */
export async function computeSnapshotRows(projectId: string, days: Date[], now: Date): Promise<SnapshotRow[]> {
  const ctx = systemCtx("readiness-snapshot");
  const rows: SnapshotRow[] = [];
  // A few days at a time: enough to overlap round trips without hogging the connection pool.
  for (let i = 0; i < days.length; i += 4) {
    const batch = await Promise.all(
      days.slice(i, i + 4).map(async (day) => {
        const at = snapshotMoment(day, now);
        const { result } = await computeReadiness({ ctx, projectId, at, db: prisma });
        return result.frameworks.map((fw) => snapshotRow(fw, day, at));
      }),
    );
    rows.push(...batch.flat());
  }
  return rows;
}

async function upsertSnapshotRows(tx: Tx, projectId: string, rows: SnapshotRow[]): Promise<void> {
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "ScoreSnapshot" (id, "projectId", "frameworkId", day, score, met, applicable, detail, "computedAt")
    SELECT 'ss' || md5(${projectId} || u.fw || u.day::text), ${projectId}, u.fw, u.day, u.score, u.met, u.applicable, u.detail, now()
    FROM unnest(${rows.map((r) => r.frameworkId)}::text[], ${rows.map((r) => dayKey(r.day))}::date[], ${rows.map((r) => r.score)}::float8[],
                ${rows.map((r) => r.met)}::int[], ${rows.map((r) => r.applicable)}::int[], ${rows.map((r) => JSON.stringify(r.detail))}::jsonb[])
         AS u(fw, day, score, met, applicable, detail)
    ON CONFLICT ("projectId", "frameworkId", day) DO UPDATE
      SET score = EXCLUDED.score, met = EXCLUDED.met, applicable = EXCLUDED.applicable, detail = EXCLUDED.detail, "computedAt" = now()`;
}

export interface SaveSnapshotRowsOptions {
  ctx: RequestCtx;
  projectId: string;
  rows: SnapshotRow[];
  /** What the activity event says about the days recorded. */
  summary: Record<string, unknown>;
}

/** Stores a project's snapshot rows (replacing those of the same days) and records it, in one transaction. */
export async function saveSnapshotRows({ ctx, projectId, rows, summary }: SaveSnapshotRowsOptions): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await upsertSnapshotRows(tx, projectId, rows);
    await recordActivity(tx, {
      ctx,
      action: "readiness.snapshot",
      entityType: "Project",
      entityId: projectId,
      projectId,
      summary,
    });
  });
}
