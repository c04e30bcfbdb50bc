import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { projectAccessWhere } from "@/lib/core/access/project-access";
import { computeSnapshotRows, dayKey, upsertSnapshotRows, utcDay } from "@/lib/readiness/snapshot-days";

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
  const project = await prisma.project.findFirst({
    where: { AND: [{ slug }, projectAccessWhere(ctx.actor)] },
    select: { id: true, archivedAt: true },
  });
  if (!project) throw new NotFoundError(`There is no project "${slug}" that you can see.`);
  assertCan(ctx.actor, "readiness:snapshot", { projectId: project.id });
  if (project.archivedAt)
    throw new ConflictError("This project is archived; restore it before recording its readiness.");
  const day = utcDay(now);
  const rows = await computeSnapshotRows(project.id, [day], now);
  await prisma.$transaction(async (tx) => {
    await upsertSnapshotRows(tx, project.id, rows);
    await recordActivity(tx, {
      ctx,
      action: "readiness.snapshot",
      entityType: "Project",
      entityId: project.id,
      projectId: project.id,
      summary: {
        day: dayKey(day),
        scores: rows.map((r) => ({ frameworkId: r.frameworkId, met: r.met, applicable: r.applicable })),
      },
    });
  });
  return {
    day: dayKey(day),
    frameworks: rows.map(({ frameworkId, score, met, applicable }) => ({ frameworkId, score, met, applicable })),
  };
}
