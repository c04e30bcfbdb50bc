import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError } from "@/lib/errors";
import { ZProjectCreate, slugify, type TProjectCreate } from "@/lib/schemas/project";
import { validate } from "@/lib/api/validate";

export interface CreateProjectOptions {
  ctx: RequestCtx;
  data: TProjectCreate;
}

export async function createProject({ ctx, data }: CreateProjectOptions) {
  assertCan(ctx.actor, "project:create");
  const input = validate(ZProjectCreate, data, "");
  const slug = input.slug ?? slugify(input.name);
  return prisma.$transaction(async (tx) => {
    if (await tx.project.findUnique({ where: { slug }, select: { id: true } })) {
      throw new ConflictError(`A project with the short name "${slug}" already exists; choose another.`);
    }
    const project = await tx.project.create({ data: { name: input.name, slug, description: input.description } });
    await recordActivity(tx, {
      ctx,
      action: "project.create",
      entityType: "Project",
      entityId: project.id,
      projectId: project.id,
      summary: { after: { name: project.name, slug: project.slug, description: project.description } },
    });
    return project;
  });
}
