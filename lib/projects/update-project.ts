import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { changes, recordActivity } from "@/lib/activity/record-activity";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { ZProjectUpdate, type TProjectUpdate } from "@/lib/schemas/project";
import { validate } from "@/lib/api/validate";

export interface UpdateProjectOptions {
  ctx: RequestCtx;
  slug: string;
  data: TProjectUpdate;
}

/**
 * Renames, re-describes, sets the retention period of, archives or restores a project. Archiving keeps
 * everything; it only hides.
 */
export async function updateProject({ ctx, slug, data }: UpdateProjectOptions) {
  const input = validate(ZProjectUpdate, data, "");
  if (input.name !== undefined || input.description !== undefined || input.retentionYears !== undefined)
    assertCan(ctx.actor, "project:update");
  if (input.archived !== undefined) assertCan(ctx.actor, "project:archive");
  return prisma.$transaction(async (tx) => {
    const { id } = await resolveProject({ ctx, slug, db: tx });
    const before = await tx.project.findUniqueOrThrow({ where: { id } });
    const archivedAt =
      input.archived === undefined ? undefined : input.archived ? (before.archivedAt ?? new Date()) : null;
    const after = await tx.project.update({
      where: { id: before.id },
      data: { name: input.name, description: input.description, retentionYears: input.retentionYears, archivedAt },
    });
    const diff = changes(
      {
        name: before.name,
        description: before.description,
        retentionYears: before.retentionYears,
        archived: before.archivedAt !== null,
      },
      {
        name: input.name,
        description: input.description,
        retentionYears: input.retentionYears,
        archived: input.archived,
      },
    );
    if (Object.keys(diff.after).length) {
      const action =
        input.archived === undefined ? "project.update" : input.archived ? "project.archive" : "project.restore";
      await recordActivity(tx, {
        ctx,
        action,
        entityType: "Project",
        entityId: after.id,
        projectId: after.id,
        summary: diff,
      });
    }
    return after;
  });
}
