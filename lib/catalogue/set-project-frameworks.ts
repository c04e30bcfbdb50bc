import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { ZProjectFrameworks, type TProjectFrameworks } from "@/lib/schemas/catalogue";

export interface SetProjectFrameworksOptions {
  ctx: RequestCtx;
  slug: string;
  data: TProjectFrameworks;
  now: Date;
}

/** Sets which frameworks a project is assessed against (its controls are those mapped to them). */
export async function setProjectFrameworks({ ctx, slug, data, now }: SetProjectFrameworksOptions) {
  assertCan(ctx.actor, "project:update");
  const input = validate(ZProjectFrameworks, data, "");
  const project = await resolveProject({ ctx, slug, permission: "project:update" });
  const wanted = [...new Set(input.frameworks)].sort();
  return prisma.$transaction(async (tx) => {
    const frameworks = await tx.framework.findMany({ where: { key: { in: wanted } }, select: { id: true, key: true } });
    const unknown = wanted.filter((k) => !frameworks.some((f) => f.key === k));
    if (unknown.length) {
      const issues = unknown.map((k) => ({
        path: `frameworks[${input.frameworks.indexOf(k)}]`,
        message: `no framework with key "${k}"`,
      }));
      throw new InvalidInputError(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
    }
    const current = await tx.projectFramework.findMany({
      where: { projectId: project.id },
      select: { framework: { select: { id: true, key: true } } },
    });
    const before = current.map((c) => c.framework.key).sort();
    const toRemove = current.filter((c) => !wanted.includes(c.framework.key)).map((c) => c.framework.id);
    const toAdd = frameworks.filter((f) => !before.includes(f.key));
    if (toRemove.length)
      await tx.projectFramework.deleteMany({ where: { projectId: project.id, frameworkId: { in: toRemove } } });
    if (toAdd.length)
      await tx.projectFramework.createMany({
        data: toAdd.map((f) => ({ projectId: project.id, frameworkId: f.id, addedAt: now })),
      });
    if (toRemove.length || toAdd.length) {
      await recordActivity(tx, {
        ctx,
        action: "project.frameworks",
        entityType: "Project",
        entityId: project.id,
        projectId: project.id,
        summary: { before: { frameworks: before }, after: { frameworks: wanted } },
        occurredAt: now,
      });
    }
    return { frameworks: wanted };
  });
}
