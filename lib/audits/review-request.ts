import { prisma } from "@/lib/db";
import { actingUserId, can, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { accessibleRequest } from "@/lib/audits/request-access";
import { ZRequestReview, type TRequestReview } from "@/lib/schemas/audit";

export interface ReviewRequestOptions {
  ctx: RequestCtx;
  auditId: string;
  requestId: string;
  /** Validated here (after the audit gate) against the RequestReview schema. */
  data: TRequestReview | unknown;
  now: Date;
}

/**
 * The auditor (or a lead acting for them) accepts an answered request, or returns it with a comment
 * saying what is missing; a returned request can be answered again.
 */
export async function reviewRequest({ ctx, auditId, requestId, data, now }: ReviewRequestOptions) {
  const permission = can(ctx.actor, "request:review") ? "request:review" : "request:raise";
  const { request } = await accessibleRequest({ ctx, auditId, requestId, now, permission, write: true });
  if (!can(ctx.actor, "request:raise") && !can(ctx.actor, "request:review"))
    throw new ForbiddenError("Only the auditor or a compliance lead can review answers.");
  const input = validate(ZRequestReview, data, "");
  const next = input.decision === "accept" ? "ACCEPTED" : "RETURNED";
  const userId = actingUserId(ctx.actor) ?? "system";
  return prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      Array<{ status: string }>
    >`SELECT status FROM "EvidenceRequest" WHERE id = ${request.id} FOR UPDATE`;
    if (locked.status !== "ANSWERED")
      throw new ConflictError(
        `This request is ${locked.status.toLowerCase()}; only answered requests can be accepted or returned.`,
      );
    const body = input.comment || (next === "ACCEPTED" ? "Accepted." : "");
    await tx.evidenceRequestComment.create({
      data: { requestId: request.id, authorId: userId, kind: input.decision, body },
    });
    const updated = await tx.evidenceRequest.update({
      where: { id: request.id },
      data: { status: next, reviewedAt: now },
      select: { id: true, status: true },
    });
    await recordActivity(tx, {
      ctx,
      action: `request.${input.decision}`,
      entityType: "EvidenceRequest",
      entityId: request.id,
      summary: {
        auditId,
        before: { status: "ANSWERED" },
        after: { status: next },
        ...(input.comment ? { comment: input.comment.slice(0, 500) } : {}),
      },
    });
    return updated;
  });
}
