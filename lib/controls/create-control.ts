import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { ZControlCreate, type TControlCreate } from "@/lib/schemas/control";
import { checkOwner, resolveMappings } from "@/lib/controls/resolve-mappings";

export interface CreateControlOptions {
  ctx: RequestCtx;
  data: TControlCreate;
  now: Date;
}

/** Adds a control to the library, with its expectations and mappings, in one transaction. */
export async function createControl({ ctx, data, now }: CreateControlOptions) {
  assertCan(ctx.actor, "control:manage");
  const input = validate(ZControlCreate, data, "");
  return prisma.$transaction(async (tx) => {
    if (await tx.control.findUnique({ where: { key: input.key }, select: { id: true } })) {
      throw new ConflictError(
        `A control with the key ${input.key} already exists; choose the next free number in its family.`,
      );
    }
    const owner = await checkOwner(tx, input.ownerId);
    const requirements = await resolveMappings(tx, input.mappings, "mappings");
    const control = await tx.control.create({
      data: {
        key: input.key,
        title: input.title,
        description: input.description,
        frequency: input.frequency,
        ownerId: owner?.id ?? null,
        customisedAt: now,
        expectations: { create: input.expectations },
        mappings: { create: requirements.map((r) => ({ requirementId: r.id })) },
      },
    });
    await recordActivity(tx, {
      ctx,
      action: "control.create",
      entityType: "Control",
      entityId: control.id,
      summary: {
        after: {
          key: control.key,
          title: control.title,
          frequency: control.frequency,
          owner: owner?.email ?? null,
          expectations: input.expectations.map((e) => `${e.kind}:${e.freshnessDays}d`),
          mappings: requirements.map((r) => r.label),
        },
      },
      occurredAt: now,
    });
    return control;
  });
}
