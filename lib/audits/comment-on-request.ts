import { prisma } from "@/lib/db";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { accessibleRequest } from "@/lib/audits/request-access";
import { ZCommentCreate } from "@/lib/schemas/audit";

export interface CommentOnRequestOptions {
  ctx: RequestCtx;
  auditId: string;
  requestId: string;
  /** Validated here (after the gate) against ZCommentCreate. */
  data: { body: string } | unknown;
  now: Date;
}

/** Adds a comment to a request's thread (anyone who can see the request). */
export async function commentOnRequest({ ctx, auditId, requestId, data, now }: CommentOnRequestOptions) {
  const { request } = await accessibleRequest({
    ctx,
    auditId,
    requestId,
    now,
    permission: "request:read",
    write: true,
  });
  const input = validate(ZCommentCreate, data, "");
  const authorId = actingUserId(ctx.actor) ?? "system";
  return prisma.$transaction(async (tx) => {
    const comment = await tx.evidenceRequestComment.create({
      data: { requestId: request.id, authorId, body: input.body },
      select: { id: true, body: true, kind: true, createdAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "request.comment",
      entityType: "EvidenceRequest",
      entityId: request.id,
      summary: { auditId, commentId: comment.id, excerpt: input.body.slice(0, 200) },
    });
    return comment;
  });
}
