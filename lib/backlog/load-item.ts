// Finding one backlog item in a project the actor can see, for the operations that change it.
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";

export async function itemInProject(db: Db, actor: Actor, slug: string, itemId: string) {
  const project = await resolveProject({ ctx: { actor }, slug, db });
  const item = await db.backlogItem.findFirst({ where: { id: itemId, projectId: project.id } });
  if (!item) throw new NotFoundError(`There is no backlog item ${itemId} in ${project.name}.`);
  return { project, item };
}

/** An owner must be an active user. */
export async function checkOwner(db: Db, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  const user = await db.user.findUnique({ where: { id: ownerId }, select: { active: true } });
  if (!user?.active)
    throw new InvalidInputError("The owner must be an active user.", [
      { path: "ownerId", message: "not an active user" },
    ]);
}
