import { prisma } from "@/lib/db";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { InvalidInputError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { mappedControlId } from "@/lib/audits/mapped-control";
import { ZRequestCreate, type TRequestCreate } from "@/lib/schemas/audit";

export interface RaiseRequestOptions {
  ctx: RequestCtx;
  auditId: string;
  /** Validated here (after the audit gate) against the RequestCreate schema. */
  data: TRequestCreate | unknown;
  now: Date;
}

/**
 * An auditor asks for evidence about one requirement of the audit's framework, or one control
 * mapped to it: what they need and by when. The request starts open and unassigned.
 */
export async function raiseRequest({ ctx, auditId, data, now }: RaiseRequestOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "request:raise", write: true });
  const input = validate(ZRequestCreate, data, "");
  let requirementId: string | null = null;
  let controlId: string | null = null;
  if (input.requirementRef) {
    const requirement = await prisma.requirement.findUnique({
      where: { frameworkId_refId: { frameworkId: audit.frameworkId, refId: input.requirementRef } },
      select: { id: true },
    });
    if (!requirement)
      throw new InvalidInputError(
        `requirementRef: no requirement "${input.requirementRef}" in this audit's framework`,
        [{ path: "requirementRef", message: `No requirement "${input.requirementRef}" in this audit's framework` }],
      );
    requirementId = requirement.id;
  } else if (input.controlKey) {
    controlId = await mappedControlId(audit.frameworkId, input.controlKey);
  }
  const raisedById = actingUserId(ctx.actor) ?? "system";
  return prisma.$transaction(async (tx) => {
    const request = await tx.evidenceRequest.create({
      data: {
        auditId: audit.id,
        requirementId,
        controlId,
        title: input.title,
        detail: input.detail,
        dueAt: input.dueAt ?? null,
        raisedById,
      },
      select: { id: true, title: true, status: true, dueAt: true, createdAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "request.raise",
      entityType: "EvidenceRequest",
      entityId: request.id,
      summary: {
        auditId: audit.id,
        after: {
          title: request.title,
          requirement: input.requirementRef,
          control: input.controlKey,
          dueAt: request.dueAt?.toISOString(),
        },
      },
    });
    return request;
  });
}
