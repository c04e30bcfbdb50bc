import type { Tx } from "@/lib/db";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { drillOutcome } from "@/lib/ingest/drill";
import type { DrillFacts, ParsedEvidence } from "@/lib/ingest/types";

// A restore drill is also an exercise of the runbook whose key it names. The runbook's own RTO/RPO
// targets, where set, are what the drill is judged against (the report's targets fill gaps).

export interface DrillJudgement {
  runbook: { id: string; key: string } | null;
  targets: DrillFacts["targets"];
  outcome: Pick<ParsedEvidence, "outcome" | "outcomeReason">;
}

export async function judgeDrill(tx: Tx, projectId: string, drill: DrillFacts): Promise<DrillJudgement> {
  const runbook = await tx.runbook.findFirst({
    where: { projectId, key: drill.runbookKey, archivedAt: null },
    select: { id: true, key: true, rtoTargetSeconds: true, rpoTargetSeconds: true },
  });
  const targets = {
    rtoSeconds: runbook?.rtoTargetSeconds ?? drill.targets.rtoSeconds,
    rpoSeconds: runbook?.rpoTargetSeconds ?? drill.targets.rpoSeconds,
  };
  return {
    runbook: runbook ? { id: runbook.id, key: runbook.key } : null,
    targets,
    outcome: drillOutcome({ ...drill, targets }),
  };
}

export async function recordDrillExercise(
  tx: Tx,
  opts: { ctx: RequestCtx; projectId: string; evidenceId: string; drill: DrillFacts; judgement: DrillJudgement },
): Promise<string | null> {
  const { runbook, outcome } = opts.judgement;
  if (!runbook) return null;
  const exercise = await tx.runbookExercise.create({
    data: {
      runbookId: runbook.id,
      performedAt: opts.drill.finishedAt,
      outcome: outcome.outcome === "FAIL" ? "FAIL" : outcome.outcome === "WARN" ? "PARTIAL" : "PASS",
      measuredRtoSeconds: opts.drill.rtoSeconds,
      measuredRpoSeconds: opts.drill.rpoSeconds,
      notes: `Recorded from drill evidence "${opts.drill.name}". ${outcome.outcomeReason}`,
      evidenceId: opts.evidenceId,
      recordedById: actingUserId(opts.ctx.actor),
    },
    select: { id: true, outcome: true },
  });
  await recordActivity(tx, {
    ctx: opts.ctx,
    action: "runbook.exercise",
    entityType: "RunbookExercise",
    entityId: exercise.id,
    projectId: opts.projectId,
    summary: {
      runbook: runbook.key,
      outcome: exercise.outcome,
      measuredRtoSeconds: opts.drill.rtoSeconds,
      measuredRpoSeconds: opts.drill.rpoSeconds,
      evidenceId: opts.evidenceId,
    },
  });
  return exercise.id;
}
