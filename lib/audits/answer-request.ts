import { prisma } from "@/lib/db";
import { actingUserId, can, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, ForbiddenError, InvalidInputError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { accessibleRequest } from "@/lib/audits/request-access";
import { evidenceInWindowWhere } from "@/lib/core/access/auditor-scope";
import { ZRequestAnswer, type TRequestAnswer } from "@/lib/schemas/audit";
import { countOf } from "@/lib/format";

export interface AnswerRequestOptions {
  ctx: RequestCtx;
  auditId: string;
  requestId: string;
  data: TRequestAnswer;
  now: Date;
}

/**
 * The request's owner (or a lead) answers it by attaching evidence from the audit's projects and
 * window, with a note. The request moves to "answered" for the auditor to accept or return.
 */
export async function answerRequest({ ctx, auditId, requestId, data, now }: AnswerRequestOptions) {
  const { audit, request, isOwner } = await accessibleRequest({
    ctx,
    auditId,
    requestId,
    now,
    permission: "request:answer",
    write: true,
  });
  if (!isOwner && !can(ctx.actor, "audit:manage"))
    throw new ForbiddenError("Only the request's owner or a compliance lead can answer it.");
  const input = validate(ZRequestAnswer, data, "");
  if (!input.evidenceIds.length && !input.comment) {
    throw new InvalidInputError("Attach evidence or write an answer", [
      { path: "evidenceIds", message: "Attach evidence or write an answer" },
    ]);
  }
  if (request.status !== "OPEN" && request.status !== "RETURNED") {
    throw new ConflictError(
      `This request is ${request.status.toLowerCase()}; only open or returned requests can be answered.`,
    );
  }
  const ids = [...new Set(input.evidenceIds)];
  const found = ids.length
    ? await prisma.evidence.findMany({
        where: { AND: [{ id: { in: ids } }, evidenceInWindowWhere(audit.window, audit.projectIds)] },
        select: { id: true, title: true },
      })
    : [];
  const outside = ids.filter((id) => !found.some((e) => e.id === id));
  if (outside.length) {
    throw new InvalidInputError(
      `evidenceIds: ${outside.length} piece(s) of evidence are not in this audit's projects and window`,
      [{ path: "evidenceIds", message: `Not in this audit's projects and window: ${outside.join(", ")}` }],
    );
  }
  const userId = actingUserId(ctx.actor) ?? "system";
  return prisma.$transaction(async (tx) => {
    // Re-check the status under a row lock so that two answers (or an answer and a review) cannot interleave.
    const [locked] = await tx.$queryRaw<
      Array<{ status: string }>
    >`SELECT status FROM "EvidenceRequest" WHERE id = ${request.id} FOR UPDATE`;
    if (locked.status !== "OPEN" && locked.status !== "RETURNED")
      throw new ConflictError("This request was answered meanwhile; reload it.");
    if (ids.length) {
      await tx.evidenceRequestEvidence.createMany({
        data: ids.map((evidenceId) => ({ requestId: request.id, evidenceId, attachedById: userId })),
        skipDuplicates: true,
      });
    }
    const body = input.comment || `Attached ${countOf(ids.length, "piece")} of evidence.`;
    await tx.evidenceRequestComment.create({ data: { requestId: request.id, authorId: userId, kind: "answer", body } });
    const updated = await tx.evidenceRequest.update({
      where: { id: request.id },
      data: { status: "ANSWERED", answeredAt: now },
      select: { id: true, status: true, answeredAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "request.answer",
      entityType: "EvidenceRequest",
      entityId: request.id,
      summary: {
        auditId,
        before: { status: request.status },
        after: { status: "ANSWERED" },
        evidence: found.map((e) => e.title),
      },
    });
    return updated;
  });
}
