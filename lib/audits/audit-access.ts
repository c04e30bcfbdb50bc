import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { assertCan, can, type RequestCtx } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { isAuditorActor, liveGrantWhere, type ObservationWindow } from "@/lib/core/access/auditor-scope";

export interface AccessibleAudit {
  id: string;
  name: string;
  status: "PLANNING" | "FIELDWORK" | "REPORTING" | "CLOSED";
  frameworkId: string;
  window: ObservationWindow;
  projectIds: string[];
  leadId: string;
  /** True when the actor reaches the audit through an auditor grant. */
  viaGrant: boolean;
}

export interface AuditAccessOptions {
  ctx: RequestCtx;
  auditId: string;
  now: Date;
  /** The permission the operation needs (checked against the role table first). */
  permission: Permission;
  /** Writes in the audit workspace are refused once the audit is closed. */
  write?: boolean;
}

/**
 * The one gate into an audit. Auditors reach only audits they hold a live grant for: an expired or
 * revoked grant is refused with the date it ended, any other audit does not exist for them. Other
 * roles need audit:read. Token actors never reach the audit workspace.
 */
export async function accessibleAudit({
  ctx,
  auditId,
  now,
  permission,
  write = false,
}: AuditAccessOptions): Promise<AccessibleAudit> {
  assertCan(ctx.actor, permission);
  if (ctx.actor.kind === "token") throw new ForbiddenError("Project tokens cannot use the audit workspace.");
  const viaGrant = isAuditorActor(ctx.actor);
  if (!viaGrant) assertCan(ctx.actor, "audit:read");
  const audit = await prisma.audit.findUnique({ where: { id: auditId }, select: AUDIT_ACCESS_SELECT });
  if (!audit) throw new NotFoundError("There is no such audit that you can see.");
  if (viaGrant && ctx.actor.kind === "user") await assertLiveGrant(ctx.actor.user.id, audit.id, audit.name, now);
  return toAccessibleAudit(audit, { viaGrant, write });
}

/** What the gates read of an audit. */
export const AUDIT_ACCESS_SELECT = {
  id: true,
  name: true,
  status: true,
  frameworkId: true,
  windowStart: true,
  windowEnd: true,
  leadId: true,
  projects: { select: { projectId: true }, orderBy: { projectId: "asc" } },
} satisfies Prisma.AuditSelect;

/** An audit row read with AUDIT_ACCESS_SELECT as the gate returns it; a write into a closed audit is refused (409). */
export function toAccessibleAudit(
  row: Prisma.AuditGetPayload<{ select: typeof AUDIT_ACCESS_SELECT }>,
  { viaGrant, write }: { viaGrant: boolean; write: boolean },
): AccessibleAudit {
  if (write && row.status === "CLOSED")
    throw new ConflictError(`The audit "${row.name}" is closed; reopen it to make changes.`);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    frameworkId: row.frameworkId,
    window: { start: row.windowStart, end: row.windowEnd },
    projectIds: row.projects.map((p) => p.projectId),
    leadId: row.leadId,
    viaGrant,
  };
}

async function assertLiveGrant(userId: string, auditId: string, auditName: string, now: Date): Promise<void> {
  const live = await prisma.auditorGrant.findFirst({
    where: { auditId, ...liveGrantWhere(userId, now) },
    select: { id: true },
  });
  if (live) return;
  const last = await prisma.auditorGrant.findFirst({
    where: { auditId, userId },
    orderBy: { createdAt: "desc" },
    select: { expiresAt: true, revokedAt: true },
  });
  if (!last) throw new NotFoundError("There is no such audit that you can see.");
  throw new ForbiddenError(
    last.revokedAt
      ? `Your access to the audit "${auditName}" was revoked on ${formatDate(last.revokedAt)}.`
      : `Your access to the audit "${auditName}" ended on ${formatDate(last.expiresAt)}. Ask the audit's lead to extend it.`,
  );
}

/** True when the actor may manage the audit (leads and admins): grants, owners, status. */
export function canManageAudits(ctx: RequestCtx): boolean {
  return can(ctx.actor, "audit:manage");
}
