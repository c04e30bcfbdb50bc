import { prisma } from "@/lib/db";
import { actingUserId, assertCan, can, type RequestCtx } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import {
  AUDIT_ACCESS_SELECT,
  accessibleAudit,
  toAccessibleAudit,
  type AccessibleAudit,
} from "@/lib/audits/audit-access";
import { isAuditorActor } from "@/lib/core/access/auditor-scope";

export interface AccessibleRequest {
  audit: AccessibleAudit;
  request: {
    id: string;
    title: string;
    status: "OPEN" | "ANSWERED" | "ACCEPTED" | "RETURNED";
    ownerId: string | null;
    raisedById: string;
  };
  /** The actor is the request's owner (they may answer it even without access to the whole audit). */
  isOwner: boolean;
}

export interface RequestAccessOptions {
  ctx: RequestCtx;
  auditId: string;
  requestId: string;
  now: Date;
  permission: Permission;
  write?: boolean;
}

/**
 * The gate into one evidence request: whoever can open the audit (leads, admins, auditors with a
 * live grant), and the request's owner, who may be an engineer without access to the rest.
 */
export async function accessibleRequest({
  ctx,
  auditId,
  requestId,
  now,
  permission,
  write = false,
}: RequestAccessOptions): Promise<AccessibleRequest> {
  assertCan(ctx.actor, permission);
  if (ctx.actor.kind === "token") throw new ForbiddenError("Project tokens cannot use the audit workspace.");
  const request = await prisma.evidenceRequest.findFirst({
    where: { id: requestId, auditId },
    select: { id: true, title: true, status: true, ownerId: true, raisedById: true },
  });
  const userId = actingUserId(ctx.actor);
  const isOwner = !!request && !!userId && request.ownerId === userId;
  if (isAuditorActor(ctx.actor) || can(ctx.actor, "audit:read")) {
    const audit = await accessibleAudit({ ctx, auditId, now, permission, write });
    if (!request) throw new NotFoundError("There is no such request on this audit.");
    return { audit, request, isOwner };
  }
  if (!request || !isOwner) throw new NotFoundError("There is no such request that you can see.");
  const row = await prisma.audit.findUniqueOrThrow({ where: { id: auditId }, select: AUDIT_ACCESS_SELECT });
  return { audit: toAccessibleAudit(row, { viaGrant: false, write }), request, isOwner };
}
