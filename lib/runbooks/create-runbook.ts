import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { ConflictError } from "@/lib/errors";
import { ZRunbookCreate, type TRunbookCreate } from "@/lib/schemas/runbook";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { checkOwner } from "@/lib/backlog/load-item";
import { slugKey } from "@/lib/import/runbooks";

export interface CreateRunbookOptions {
  ctx: RequestCtx;
  slug: string;
  data: TRunbookCreate;
  now: Date;
}

/** Writes a runbook by hand: version 1 of its steps, with owner, cadence and targets. */
export async function createRunbook({ ctx, slug, data, now }: CreateRunbookOptions) {
  const input = validate(ZRunbookCreate, data, "");
  return prisma.$transaction(async (tx) => {
    const project = await resolveProject({ ctx, slug, permission: "runbook:write", db: tx });
    const key = input.key ?? slugKey(input.title);
    if (
      await tx.runbook.findUnique({ where: { projectId_key: { projectId: project.id, key } }, select: { id: true } })
    ) {
      throw new ConflictError(`${project.name} already has a runbook "${key}"; give this one another title or key.`);
    }
    await checkOwner(tx, input.ownerId);
    const runbook = await tx.runbook.create({
      data: {
        projectId: project.id,
        key,
        title: input.title,
        ownerId: input.ownerId ?? null,
        cadenceDays: input.cadenceDays ?? null,
        rtoTargetSeconds: input.rtoTargetSeconds ?? null,
        rpoTargetSeconds: input.rpoTargetSeconds ?? null,
        createdAt: now,
        versions: {
          create: {
            version: 1,
            title: input.title,
            steps: input.steps as unknown as Prisma.InputJsonValue,
            note: "Written in Proofline",
            editedById: actingUserId(ctx.actor),
            createdAt: now,
          },
        },
      },
    });
    await recordActivity(tx, {
      ctx,
      action: "runbook.create",
      entityType: "Runbook",
      entityId: runbook.id,
      projectId: project.id,
      occurredAt: now,
      summary: {
        via: "hand",
        after: { key, title: input.title, steps: input.steps.length, cadenceDays: runbook.cadenceDays },
      },
    });
    return runbook;
  });
}
