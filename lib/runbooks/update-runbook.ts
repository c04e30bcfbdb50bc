import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { actingUserId, assertCan, type RequestCtx } from "@/lib/auth/actor";
import { changes, recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { ConflictError } from "@/lib/errors";
import { ZRunbookUpdate, type TRunbookUpdate } from "@/lib/schemas/runbook";
import { checkOwner } from "@/lib/backlog/load-item";
import { runbookInProject } from "@/lib/runbooks/load-runbook";

export interface UpdateRunbookOptions {
  ctx: RequestCtx;
  slug: string;
  runbookId: string;
  data: TRunbookUpdate;
  now: Date;
}

/**
 * Changes a runbook. New steps or a new title make a new version; the previous versions stay and can
 * be viewed. Owner, cadence, targets and archiving change the runbook itself.
 */
export async function updateRunbook({ ctx, slug, runbookId, data, now }: UpdateRunbookOptions) {
  const input = validate(ZRunbookUpdate, data, "");
  return prisma.$transaction(async (tx) => {
    const { project, runbook } = await runbookInProject(tx, ctx.actor, slug, runbookId);
    assertCan(ctx.actor, "runbook:write", { projectId: project.id });
    if (input.ownerId !== undefined) await checkOwner(tx, input.ownerId);
    if (
      input.key &&
      input.key !== runbook.key &&
      (await tx.runbook.findUnique({
        where: { projectId_key: { projectId: project.id, key: input.key } },
        select: { id: true },
      }))
    ) {
      throw new ConflictError(`${project.name} already has a runbook "${input.key}"; choose another key.`);
    }
    // A runbook without version rows yet (created without steps) has an empty current version: the first
    // steps written fill it in, rather than skipping a version number.
    const written = await tx.runbookVersion.findUnique({
      where: { runbookId_version: { runbookId: runbook.id, version: runbook.currentVersion } },
    });
    const current = written ?? { title: runbook.title, steps: [] as unknown[] };
    const title = input.title ?? runbook.title;
    const steps = input.steps ?? (current.steps as unknown[]);
    const contentChanged = title !== current.title || JSON.stringify(steps) !== JSON.stringify(current.steps);
    const version = contentChanged && written ? runbook.currentVersion + 1 : runbook.currentVersion;
    if (contentChanged) {
      await tx.runbookVersion.create({
        data: {
          runbookId: runbook.id,
          version,
          title,
          steps: steps as Prisma.InputJsonValue,
          note: input.note || null,
          editedById: actingUserId(ctx.actor),
          createdAt: now,
        },
      });
    }
    const archivedAt = input.archived === undefined ? undefined : input.archived ? (runbook.archivedAt ?? now) : null;
    const after = await tx.runbook.update({
      where: { id: runbook.id },
      data: {
        title,
        key: input.key,
        currentVersion: version,
        ownerId: input.ownerId,
        cadenceDays: input.cadenceDays,
        rtoTargetSeconds: input.rtoTargetSeconds,
        rpoTargetSeconds: input.rpoTargetSeconds,
        archivedAt,
      },
    });
    const diff = changes(
      {
        key: runbook.key,
        ownerId: runbook.ownerId,
        cadenceDays: runbook.cadenceDays,
        rtoTargetSeconds: runbook.rtoTargetSeconds,
        rpoTargetSeconds: runbook.rpoTargetSeconds,
        archived: runbook.archivedAt !== null,
      },
      {
        key: input.key,
        ownerId: input.ownerId,
        cadenceDays: input.cadenceDays,
        rtoTargetSeconds: input.rtoTargetSeconds,
        rpoTargetSeconds: input.rpoTargetSeconds,
        archived: input.archived,
      },
    );
    if (contentChanged || Object.keys(diff.after).length) {
      await recordActivity(tx, {
        ctx,
        action: input.archived === true && !runbook.archivedAt ? "runbook.archive" : "runbook.update",
        entityType: "Runbook",
        entityId: runbook.id,
        projectId: project.id,
        occurredAt: now,
        summary: {
          ...diff,
          ...(contentChanged
            ? { version: { before: runbook.currentVersion, after: version }, note: input.note ?? null }
            : {}),
        },
      });
    }
    return after;
  });
}
