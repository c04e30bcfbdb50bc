import { prisma } from "@/lib/db";
import { actingUserId, assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { InvalidInputError } from "@/lib/errors";
import { ZExerciseCreate, type TExerciseCreate } from "@/lib/schemas/runbook";
import { runbookInProject } from "@/lib/runbooks/load-runbook";

export interface RecordExerciseOptions {
  ctx: RequestCtx;
  slug: string;
  runbookId: string;
  data: TExerciseCreate;
  now: Date;
}

/**
 * Records that a runbook was exercised (a restore drill, a rotation), with its outcome and measured
 * recovery time and data loss. The next one falls due one cadence later. Files (logs, screenshots)
 * attach once the evidence store exists; until then they are described in the notes.
 */
export async function recordExercise({ ctx, slug, runbookId, data, now }: RecordExerciseOptions) {
  const input = validate(ZExerciseCreate, data, "");
  const performedAt = new Date(input.performedAt);
  if (performedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new InvalidInputError("An exercise cannot be recorded before it happens: the date is in the future.", [
      { path: "performedAt", message: "in the future" },
    ]);
  }
  return prisma.$transaction(async (tx) => {
    const { project, runbook } = await runbookInProject(tx, ctx.actor, slug, runbookId);
    assertCan(ctx.actor, "runbook:exercise", { projectId: project.id });
    const exercise = await tx.runbookExercise.create({
      data: {
        runbookId: runbook.id,
        performedAt,
        outcome: input.outcome,
        measuredRtoSeconds: input.measuredRtoSeconds ?? null,
        measuredRpoSeconds: input.measuredRpoSeconds ?? null,
        notes: input.notes,
        recordedById: actingUserId(ctx.actor),
        createdAt: now,
      },
    });
    await recordActivity(tx, {
      ctx,
      action: "runbook.exercise",
      entityType: "Runbook",
      entityId: runbook.id,
      projectId: project.id,
      occurredAt: now,
      summary: {
        exercise: exercise.id,
        performedAt: performedAt.toISOString(),
        outcome: input.outcome,
        measuredRtoSeconds: exercise.measuredRtoSeconds,
        measuredRpoSeconds: exercise.measuredRpoSeconds,
        version: runbook.currentVersion,
      },
    });
    return exercise;
  });
}
