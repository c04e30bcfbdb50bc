import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { changes, recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { validate } from "@/lib/api/validate";
import { ZAuditUpdate, type TAuditUpdate } from "@/lib/schemas/audit";

export interface UpdateAuditOptions {
  ctx: RequestCtx;
  auditId: string;
  data: TAuditUpdate;
}

/** Renames an audit or moves it through planning, fieldwork, reporting and closed (in any order: leads correct mistakes). */
export async function updateAudit({ ctx, auditId, data }: UpdateAuditOptions) {
  assertCan(ctx.actor, "audit:manage");
  const input = validate(ZAuditUpdate, data, "");
  return prisma.$transaction(async (tx) => {
    const before = await tx.audit.findUnique({
      where: { id: auditId },
      select: { id: true, name: true, status: true },
    });
    if (!before) throw new NotFoundError("There is no such audit.");
    const after = await tx.audit.update({
      where: { id: auditId },
      data: { name: input.name, status: input.status },
      select: { id: true, name: true, status: true, updatedAt: true },
    });
    const diff = changes({ name: before.name, status: before.status }, { name: input.name, status: input.status });
    if (Object.keys(diff.after).length) {
      await recordActivity(tx, {
        ctx,
        action: input.status && input.status !== before.status ? "audit.status" : "audit.update",
        entityType: "Audit",
        entityId: auditId,
        summary: diff,
      });
    }
    return after;
  });
}
