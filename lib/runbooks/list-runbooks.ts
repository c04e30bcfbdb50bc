import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { exerciseScopeWhere } from "@/lib/core/access/auditor-scope";
import { exerciseSchedule } from "@/lib/runbooks/schedule";

export interface ListRunbooksOptions {
  ctx: RequestCtx;
  slug: string;
  now: Date;
  archived?: "include" | "only";
}

const ORDER = { overdue: 0, "due-soon": 1, ok: 2, unscheduled: 3 } as const;

/** A project's runbooks, overdue exercises first. */
export async function listRunbooks({ ctx, slug, now, archived }: ListRunbooksOptions) {
  const project = await resolveProject({ ctx, slug, permission: "runbook:read" });
  const exerciseScope = await exerciseScopeWhere(ctx.actor, now);
  const rows = await prisma.runbook.findMany({
    where: {
      projectId: project.id,
      archivedAt: archived === "include" ? undefined : archived === "only" ? { not: null } : null,
    },
    orderBy: { title: "asc" },
    select: {
      id: true,
      key: true,
      title: true,
      cadenceDays: true,
      rtoTargetSeconds: true,
      rpoTargetSeconds: true,
      currentVersion: true,
      createdAt: true,
      archivedAt: true,
      removedFromSourceAt: true,
      owner: { select: { id: true, name: true } },
      document: { select: { id: true, title: true } },
      exercises: {
        where: exerciseScope,
        orderBy: { performedAt: "desc" },
        take: 1,
        select: { performedAt: true, outcome: true },
      },
      _count: { select: { controls: true } },
    },
  });
  return rows
    .map(({ exercises, _count, ...r }) => ({
      ...r,
      controls: _count.controls,
      lastExercise: exercises[0] ?? null,
      schedule: exerciseSchedule({ ...r, lastPerformedAt: exercises[0]?.performedAt ?? null }, now),
    }))
    .sort(
      (a, b) =>
        ORDER[a.schedule.state] - ORDER[b.schedule.state] ||
        (a.schedule.dueAt?.getTime() ?? 0) - (b.schedule.dueAt?.getTime() ?? 0),
    );
}
