import { prisma } from "@/lib/db";
import { roleCan } from "@/lib/auth/permissions";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { accessibleRequest } from "@/lib/audits/request-access";
import { ZRequestAssign, type TRequestAssign } from "@/lib/schemas/audit";

export interface AssignRequestOptions {
  ctx: RequestCtx;
  auditId: string;
  requestId: string;
  data: TRequestAssign;
  now: Date;
}

/** A lead makes someone responsible for answering a request (or clears the owner). */
export async function assignRequest({ ctx, auditId, requestId, data, now }: AssignRequestOptions) {
  const { request } = await accessibleRequest({
    ctx,
    auditId,
    requestId,
    now,
    permission: "audit:manage",
    write: true,
  });
  const input = validate(ZRequestAssign, data, "");
  let owner: { id: string; email: string } | null = null;
  if (input.ownerId) {
    const user = await prisma.user.findUnique({
      where: { id: input.ownerId },
      select: { id: true, email: true, role: true, active: true },
    });
    if (!user || !user.active || !roleCan(user.role, "request:answer")) {
      throw new InvalidInputError("ownerId: the owner must be an active user who can answer requests", [
        { path: "ownerId", message: "Choose an active engineer, compliance lead or admin" },
      ]);
    }
    owner = { id: user.id, email: user.email };
  }
  const before = request.ownerId
    ? await prisma.user.findUnique({ where: { id: request.ownerId }, select: { email: true } })
    : null;
  return prisma.$transaction(async (tx) => {
    const updated = await tx.evidenceRequest.update({
      where: { id: request.id },
      data: { ownerId: owner?.id ?? null },
      select: { id: true, ownerId: true },
    });
    await tx.evidenceRequestComment.create({
      data: {
        requestId: request.id,
        authorId: actingUserId(ctx.actor) ?? "system",
        kind: "assign",
        body: owner ? `Assigned to ${owner.email}.` : "Owner cleared.",
      },
    });
    await recordActivity(tx, {
      ctx,
      action: "request.assign",
      entityType: "EvidenceRequest",
      entityId: request.id,
      summary: { auditId, before: { owner: before?.email ?? null }, after: { owner: owner?.email ?? null } },
    });
    return updated;
  });
}
