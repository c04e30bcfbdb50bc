import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { changes, recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { ZControlUpdate, type TControlUpdate } from "@/lib/schemas/control";
import { checkOwner } from "@/lib/controls/resolve-mappings";

export interface UpdateControlOptions {
  ctx: RequestCtx;
  key: string;
  data: TControlUpdate;
  now: Date;
}

const expectationList = (list: Array<{ kind: string; freshnessDays: number }>) =>
  list.map((e) => `${e.kind}:${e.freshnessDays}d`).sort();

/**
 * Edits a control (title, description, frequency, owner, expected evidence) or archives/restores it.
 * Any edit marks the control as customised, so the starter library never overwrites it.
 */
export async function updateControl({ ctx, key, data, now }: UpdateControlOptions) {
  assertCan(ctx.actor, "control:manage");
  const input = validate(ZControlUpdate, data, "");
  return prisma.$transaction(async (tx) => {
    const before = await tx.control.findUnique({
      where: { key },
      include: { owner: { select: { email: true } }, expectations: { select: { kind: true, freshnessDays: true } } },
    });
    if (!before) throw new NotFoundError(`There is no control ${key}.`);
    const owner = input.ownerId === undefined ? undefined : await checkOwner(tx, input.ownerId);
    const diff = changes(
      {
        title: before.title,
        description: before.description,
        frequency: before.frequency,
        owner: before.owner?.email ?? null,
        expectations: expectationList(before.expectations),
        archived: before.archivedAt !== null,
      },
      {
        title: input.title,
        description: input.description,
        frequency: input.frequency,
        owner: owner === undefined ? undefined : (owner?.email ?? null),
        expectations: input.expectations ? expectationList(input.expectations) : undefined,
        archived: input.archived,
      },
    );
    if (!Object.keys(diff.after).length) return before;
    if (input.expectations && "expectations" in diff.after) {
      await tx.controlExpectation.deleteMany({ where: { controlId: before.id } });
      await tx.controlExpectation.createMany({ data: input.expectations.map((e) => ({ controlId: before.id, ...e })) });
    }
    const after = await tx.control.update({
      where: { id: before.id },
      data: {
        title: input.title,
        description: input.description,
        frequency: input.frequency,
        ownerId: owner === undefined ? undefined : (owner?.id ?? null),
        archivedAt: input.archived === undefined ? undefined : input.archived ? (before.archivedAt ?? now) : null,
        customisedAt: now,
      },
    });
    // Long descriptions are summarised: the trail records that it changed, and the new length.
    if ("description" in diff.after) {
      diff.before.description = `${before.description.length} characters`;
      diff.after.description = `${after.description.length} characters`;
    }
    const archiveOnly = Object.keys(diff.after).length === 1 && "archived" in diff.after;
    const action = archiveOnly ? (input.archived ? "control.archive" : "control.restore") : "control.update";
    await recordActivity(tx, {
      ctx,
      action,
      entityType: "Control",
      entityId: after.id,
      summary: { key: after.key, ...diff },
      occurredAt: now,
    });
    return after;
  });
}
