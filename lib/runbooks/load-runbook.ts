import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";

export async function runbookInProject(db: Db, actor: Actor, slug: string, runbookId: string) {
  const project = await resolveProject({ ctx: { actor }, slug, db });
  const runbook = await db.runbook.findFirst({ where: { id: runbookId, projectId: project.id } });
  if (!runbook) throw new NotFoundError(`There is no runbook ${runbookId} in ${project.name}.`);
  return { project, runbook };
}
