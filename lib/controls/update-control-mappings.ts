import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { ZControlMappingsPatch, type TControlMappingsPatch } from "@/lib/schemas/control";
import { resolveMappings } from "@/lib/controls/resolve-mappings";

export interface UpdateControlMappingsOptions {
  ctx: RequestCtx;
  key: string;
  data: TControlMappingsPatch;
  now: Date;
}

/**
 * Adds and removes requirement mappings of one control. Adding an existing mapping or removing a
 * missing one is not an error (the result is what was asked for); naming one requirement in both
 * lists is. The trail records real changes only.
 */
export async function updateControlMappings({ ctx, key, data, now }: UpdateControlMappingsOptions) {
  assertCan(ctx.actor, "control:manage");
  const input = validate(ZControlMappingsPatch, data, "");
  const adding = new Set(input.add.map((r) => `${r.framework}\u0000${r.refId}`));
  const both = input.remove.flatMap((r, i) =>
    adding.has(`${r.framework}\u0000${r.refId}`)
      ? [{ path: `remove[${i}]`, message: `${r.framework} ${r.refId} is also in add; send it in one list only` }]
      : [],
  );
  if (both.length) throw new InvalidInputError(both.map((b) => `${b.path}: ${b.message}`).join("; "), both);
  return prisma.$transaction(async (tx) => {
    const control = await tx.control.findUnique({ where: { key }, select: { id: true, key: true, archivedAt: true } });
    if (!control) throw new NotFoundError(`There is no control ${key}.`);
    const add = await resolveMappings(tx, input.add, "add");
    const removeRows = input.remove.length
      ? await tx.requirement.findMany({
          where: { OR: input.remove.map((r) => ({ refId: r.refId, framework: { key: r.framework } })) },
          select: { id: true, refId: true, framework: { select: { key: true } } },
        })
      : [];
    const existing = new Set(
      (await tx.controlMapping.findMany({ where: { controlId: control.id }, select: { requirementId: true } })).map(
        (m) => m.requirementId,
      ),
    );
    const added = add.filter((r) => !existing.has(r.id));
    const removed = removeRows.filter((r) => existing.has(r.id));
    if (added.length)
      await tx.controlMapping.createMany({ data: added.map((r) => ({ controlId: control.id, requirementId: r.id })) });
    if (removed.length)
      await tx.controlMapping.deleteMany({
        where: { controlId: control.id, requirementId: { in: removed.map((r) => r.id) } },
      });
    if (added.length || removed.length) {
      await tx.control.update({ where: { id: control.id }, data: { customisedAt: now } });
      await recordActivity(tx, {
        ctx,
        action: "control.map",
        entityType: "Control",
        entityId: control.id,
        summary: {
          key: control.key,
          added: added.map((r) => r.label),
          removed: removed.map((r) => `${r.framework.key} ${r.refId}`),
        },
        occurredAt: now,
      });
    }
    return {
      key: control.key,
      added: added.map((r) => r.label),
      removed: removed.map((r) => `${r.framework.key} ${r.refId}`),
    };
  });
}
