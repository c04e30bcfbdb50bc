import { prisma } from "@/lib/db";
import { actingUserId, assertCan, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { projectAccessWhere } from "@/lib/core/access/project-access";
import { ZAuditCreate, type TAuditCreate } from "@/lib/schemas/audit";

export interface CreateAuditOptions {
  ctx: RequestCtx;
  data: TAuditCreate;
  now: Date;
}

/**
 * Plans an audit: a framework, the projects in scope and the observation window (a moment for a
 * Type I audit, a period for a Type II). The lead defaults to the person creating it.
 */
export async function createAudit({ ctx, data, now }: CreateAuditOptions) {
  assertCan(ctx.actor, "audit:manage");
  const input = validate(ZAuditCreate, data, "");
  const windowEnd = input.windowEnd;
  const windowStart = input.type === "TYPE_I" ? windowEnd : input.windowStart!;
  const leadId = input.leadId ?? actingUserId(ctx.actor) ?? undefined;
  if (!leadId)
    throw new InvalidInputError("leadId: name the audit's lead", [
      { path: "leadId", message: "Choose the audit's lead" },
    ]);

  const framework = await prisma.framework.findUnique({
    where: { key: input.framework },
    select: { id: true, key: true, name: true },
  });
  if (!framework)
    throw new InvalidInputError(`framework: there is no framework "${input.framework}"`, [
      { path: "framework", message: `There is no framework "${input.framework}"` },
    ]);
  const slugs = [...new Set(input.projects)];
  const projects = await prisma.project.findMany({
    where: { AND: [{ slug: { in: slugs } }, { archivedAt: null }, projectAccessWhere(ctx.actor, now)] },
    select: { id: true, slug: true },
  });
  const missing = slugs.filter((s) => !projects.some((p) => p.slug === s));
  if (missing.length) {
    throw new InvalidInputError(`projects: no active project ${missing.map((m) => `"${m}"`).join(", ")}`, [
      { path: "projects", message: `No active project ${missing.map((m) => `"${m}"`).join(", ")}` },
    ]);
  }
  const lead = await prisma.user.findUnique({
    where: { id: leadId },
    select: { id: true, role: true, active: true, email: true },
  });
  if (!lead || !lead.active || (lead.role !== "COMPLIANCE_LEAD" && lead.role !== "ADMIN")) {
    throw new InvalidInputError("leadId: the lead must be an active compliance lead or admin", [
      { path: "leadId", message: "The lead must be an active compliance lead or admin" },
    ]);
  }

  return prisma.$transaction(async (tx) => {
    const audit = await tx.audit.create({
      data: {
        name: input.name,
        frameworkId: framework.id,
        windowStart,
        windowEnd,
        leadId: lead.id,
        projects: { create: projects.map((p) => ({ projectId: p.id })) },
      },
      select: { id: true, name: true, status: true, windowStart: true, windowEnd: true, leadId: true, createdAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "audit.create",
      entityType: "Audit",
      entityId: audit.id,
      summary: {
        after: {
          name: audit.name,
          framework: framework.key,
          projects: projects.map((p) => p.slug).sort(),
          type: input.type,
          windowStart: windowStart.toISOString(),
          windowEnd: windowEnd.toISOString(),
          lead: lead.email,
        },
      },
    });
    return audit;
  });
}
