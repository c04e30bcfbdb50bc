import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { refreshExpiry } from "@/lib/evidence/file-evidence";

export interface DeleteRuleOptions {
  ctx: RequestCtx;
  projectSlug: string;
  ruleId: string;
}

/** Deletes a rule and the filings it made (filings made by hand stay). */
export async function deleteRule({ ctx, projectSlug, ruleId }: DeleteRuleOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence-rule:manage" });
  return prisma.$transaction(async (tx) => {
    const rule = await tx.evidenceRule.findFirst({
      where: { id: ruleId, projectId: project.id },
      select: { id: true, name: true },
    });
    if (!rule) throw new NotFoundError(`Project "${projectSlug}" has no rule ${ruleId}.`);
    const removed = await tx.$queryRaw<Array<{ evidenceId: string }>>`
      DELETE FROM "EvidenceControl" WHERE "ruleId" = ${ruleId} AND via = 'rule' RETURNING "evidenceId"`;
    await tx.evidenceRule.delete({ where: { id: ruleId } });
    await refreshExpiry(tx, [...new Set(removed.map((r) => r.evidenceId))]);
    await recordActivity(tx, {
      ctx,
      action: "evidence_rule.delete",
      entityType: "EvidenceRule",
      entityId: ruleId,
      projectId: project.id,
      summary: { name: rule.name, filingsRemoved: removed.length },
    });
    return { id: ruleId, filingsRemoved: removed.length };
  });
}
