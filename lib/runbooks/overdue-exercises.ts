import { prisma } from "@/lib/db";
import { can, type RequestCtx } from "@/lib/auth/actor";
import { exerciseSchedule } from "@/lib/runbooks/schedule";
import { exerciseScopeWhere } from "@/lib/core/access/auditor-scope";

export interface OverdueExercisesOptions {
  ctx: RequestCtx;
  projectId: string;
  now: Date;
}

/** For the project overview: scheduled runbooks whose exercise is overdue or due within two weeks. */
export async function overdueExercises({ ctx, projectId, now }: OverdueExercisesOptions) {
  if (!can(ctx.actor, "runbook:read", { projectId })) return null;
  const exerciseScope = await exerciseScopeWhere(ctx.actor, now);
  const rows = await prisma.runbook.findMany({
    where: { projectId, archivedAt: null, cadenceDays: { not: null } },
    select: {
      id: true,
      title: true,
      cadenceDays: true,
      createdAt: true,
      owner: { select: { name: true } },
      exercises: { where: exerciseScope, orderBy: { performedAt: "desc" }, take: 1, select: { performedAt: true } },
    },
  });
  const scheduled = rows.map((r) => ({
    id: r.id,
    title: r.title,
    owner: r.owner?.name ?? null,
    schedule: exerciseSchedule(
      { cadenceDays: r.cadenceDays, createdAt: r.createdAt, lastPerformedAt: r.exercises[0]?.performedAt ?? null },
      now,
    ),
  }));
  return {
    scheduled: scheduled.length,
    attention: scheduled
      .filter((r) => r.schedule.state === "overdue" || r.schedule.state === "due-soon")
      .sort((a, b) => a.schedule.dueAt!.getTime() - b.schedule.dueAt!.getTime()),
  };
}
