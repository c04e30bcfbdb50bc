import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { accessibleAudit, canManageAudits } from "@/lib/audits/audit-access";
import { isPointInTime } from "@/lib/core/access/auditor-scope";
import { AUDIT_DETAIL_SELECT } from "@/lib/audits/audit-select";

export interface GetAuditOptions {
  ctx: RequestCtx;
  auditId: string;
  now: Date;
}

/** An audit's page: scope, window, lead, request counts, and (for those who manage audits) its grants. */
export async function getAudit({ ctx, auditId, now }: GetAuditOptions) {
  const access = await accessibleAudit({ ctx, auditId, now, permission: "audit:read" });
  const manage = canManageAudits(ctx);
  const audit = await prisma.audit.findUniqueOrThrow({
    where: { id: access.id },
    select: {
      ...AUDIT_DETAIL_SELECT,
      projects: { select: { project: { select: { id: true, slug: true, name: true } } } },
    },
  });
  const [byStatus, grants] = await Promise.all([
    prisma.evidenceRequest.groupBy({ by: ["status"], where: { auditId: access.id }, _count: { _all: true } }),
    manage
      ? prisma.auditorGrant.findMany({
          where: { auditId: access.id },
          orderBy: { createdAt: "desc" },
          select: {
            id: true,
            expiresAt: true,
            revokedAt: true,
            createdAt: true,
            user: { select: { id: true, name: true, email: true } },
          },
        })
      : Promise.resolve([]),
  ]);
  return {
    ...audit,
    type: isPointInTime(access.window) ? ("TYPE_I" as const) : ("TYPE_II" as const),
    projects: audit.projects.map((p) => p.project).sort((a, b) => a.name.localeCompare(b.name)),
    requestCounts: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) as Record<string, number>,
    grants: grants.map((g) => ({ ...g, live: !g.revokedAt && g.expiresAt > now })),
    canManage: manage,
    viaGrant: access.viaGrant,
  };
}
