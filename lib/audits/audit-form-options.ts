import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { projectAccessWhere } from "@/lib/core/access/project-access";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { mappedControlWhere } from "@/lib/audits/mapped-control";

/** Choices for planning an audit and granting access: frameworks, active projects, auditors. */
export async function auditPlanningOptions({ ctx, now }: { ctx: RequestCtx; now: Date }) {
  assertCan(ctx.actor, "audit:manage");
  const [frameworks, projects, auditors] = await Promise.all([
    prisma.framework.findMany({ orderBy: { name: "asc" }, select: { key: true, name: true, version: true } }),
    prisma.project.findMany({
      where: { AND: [{ archivedAt: null }, projectAccessWhere(ctx.actor, now)] },
      orderBy: { name: "asc" },
      select: { slug: true, name: true },
    }),
    prisma.user.findMany({
      where: { role: "AUDITOR", active: true },
      orderBy: { name: "asc" },
      select: { id: true, name: true, email: true },
    }),
  ]);
  return { frameworks, projects, auditors };
}

/** People who can own a request (they answer it): active engineers, leads and admins. */
export async function requestOwnerOptions({ ctx }: { ctx: RequestCtx }) {
  assertCan(ctx.actor, "audit:manage");
  return prisma.user.findMany({
    where: { active: true, role: { in: ["ENGINEER", "COMPLIANCE_LEAD", "ADMIN"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}

/** What a request can be raised against: the framework's assessable requirements and the controls mapped to them. */
export async function requestTargetOptions({ ctx, auditId, now }: { ctx: RequestCtx; auditId: string; now: Date }) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "audit:read" });
  const [requirements, controls] = await Promise.all([
    prisma.requirement.findMany({
      where: { frameworkId: audit.frameworkId, assessable: true, retiredAt: null },
      orderBy: [{ position: "asc" }, { refId: "asc" }],
      select: { refId: true, title: true },
    }),
    prisma.control.findMany({
      where: mappedControlWhere(audit.frameworkId),
      orderBy: { key: "asc" },
      select: { key: true, title: true },
    }),
  ]);
  return { requirements, controls };
}

/** Event-type controls (run per change or continuously) mapped to the audit's framework: what populations test. */
export async function eventControlOptions({ ctx, auditId, now }: { ctx: RequestCtx; auditId: string; now: Date }) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "population:read" });
  return prisma.control.findMany({
    where: {
      ...mappedControlWhere(audit.frameworkId),
      frequency: { in: ["PER_CHANGE", "CONTINUOUS", "DAILY"] },
    },
    orderBy: { key: "asc" },
    select: { key: true, title: true },
  });
}
