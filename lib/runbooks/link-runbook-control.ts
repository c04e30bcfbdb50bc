import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { findControl } from "@/lib/backlog/find-control";
import { runbookInProject } from "@/lib/runbooks/load-runbook";

export interface RunbookControlOptions {
  ctx: RequestCtx;
  slug: string;
  runbookId: string;
  control: string;
  now: Date;
  /** true to link, false to unlink. */
  linked: boolean;
}

/** Links a runbook to the control its exercises prove (a restore drill and the backup control), or unlinks it. */
export async function setRunbookControl({ ctx, slug, runbookId, control: ref, now, linked }: RunbookControlOptions) {
  return prisma.$transaction(async (tx) => {
    const { project, runbook } = await runbookInProject(tx, ctx.actor, slug, runbookId);
    assertCan(ctx.actor, "runbook:write", { projectId: project.id });
    const control = await findControl(tx, ref);
    const where = { runbookId_controlId: { runbookId: runbook.id, controlId: control.id } };
    const existing = await tx.runbookControl.findUnique({ where });
    if (linked) {
      if (control.archivedAt) throw new ConflictError(`${control.key} is archived; link a current control.`);
      if (existing) return { key: control.key, changed: false };
      await tx.runbookControl.create({ data: { runbookId: runbook.id, controlId: control.id, createdAt: now } });
    } else {
      if (!existing) throw new NotFoundError(`${control.key} is not linked to this runbook.`);
      await tx.runbookControl.delete({ where });
    }
    await recordActivity(tx, {
      ctx,
      action: linked ? "runbook.link-control" : "runbook.unlink-control",
      entityType: "Runbook",
      entityId: runbook.id,
      projectId: project.id,
      occurredAt: now,
      summary: { control: control.key },
    });
    return { key: control.key, changed: true };
  });
}
