import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { ZAuditLogMapping, type TAuditLogMapping } from "@/lib/schemas/evidence";
import { resolveProject } from "@/lib/core/access/resolve-project";

export interface SetAuditLogMappingOptions {
  ctx: RequestCtx;
  projectSlug: string;
  mapping: TAuditLogMapping;
}

/** Sets where this project's audit logs keep time, actor, action…; an empty mapping returns to recognising shapes. */
export async function setAuditLogMapping({ ctx, projectSlug, mapping }: SetAuditLogMappingOptions) {
  const input = Object.fromEntries(
    Object.entries(validate(ZAuditLogMapping, mapping, "body")).filter(([, v]) => v !== undefined),
  );
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence-rule:manage" });
  return prisma.$transaction(async (tx) => {
    const before = await tx.auditLogMapping.findUnique({ where: { projectId: project.id }, select: { mapping: true } });
    if (Object.keys(input).length === 0) await tx.auditLogMapping.deleteMany({ where: { projectId: project.id } });
    else
      await tx.auditLogMapping.upsert({
        where: { projectId: project.id },
        update: { mapping: input },
        create: { projectId: project.id, mapping: input },
      });
    await recordActivity(tx, {
      ctx,
      action: "audit_log_mapping.set",
      entityType: "Project",
      entityId: project.id,
      projectId: project.id,
      summary: { before: before?.mapping ?? null, after: input },
    });
    return { mapping: Object.keys(input).length ? input : null };
  });
}
