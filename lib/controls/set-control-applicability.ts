import { prisma } from "@/lib/db";
import { actingUserId, assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { ZApplicability, type TApplicability } from "@/lib/schemas/control";

export interface SetControlApplicabilityOptions {
  ctx: RequestCtx;
  slug: string;
  key: string;
  data: TApplicability;
  now: Date;
}

/** Marks a library control not applicable to one project (a justification is required), or applicable again. */
export async function setControlApplicability({ ctx, slug, key, data, now }: SetControlApplicabilityOptions) {
  assertCan(ctx.actor, "control:applicability");
  const input = validate(ZApplicability, data, "");
  const project = await resolveProject({ ctx, slug, permission: "control:applicability" });
  return prisma.$transaction(async (tx) => {
    const control = await tx.control.findUnique({ where: { key }, select: { id: true, key: true } });
    if (!control) throw new NotFoundError(`There is no control ${key}.`);
    const where = { projectId_controlId: { projectId: project.id, controlId: control.id } };
    const before = await tx.projectControl.findUnique({ where });
    const justification = input.notApplicable ? input.justification!.trim() : null;
    const wasNA = before?.notApplicable ?? false;
    if (wasNA === input.notApplicable && (before?.justification ?? null) === justification) {
      return {
        project: project.slug,
        key: control.key,
        notApplicable: wasNA,
        justification: before?.justification ?? null,
      };
    }
    const updatedById = actingUserId(ctx.actor);
    const row = await tx.projectControl.upsert({
      where,
      create: {
        projectId: project.id,
        controlId: control.id,
        notApplicable: input.notApplicable,
        justification,
        updatedById,
      },
      update: { notApplicable: input.notApplicable, justification, updatedById },
    });
    await recordActivity(tx, {
      ctx,
      action: input.notApplicable ? "control.not-applicable" : "control.applicable",
      entityType: "Control",
      entityId: control.id,
      projectId: project.id,
      summary: {
        key: control.key,
        before: { notApplicable: wasNA, justification: before?.justification ?? null },
        after: { notApplicable: input.notApplicable, justification },
      },
      occurredAt: now,
    });
    return {
      project: project.slug,
      key: control.key,
      notApplicable: row.notApplicable,
      justification: row.justification,
    };
  });
}
