import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { RequestCtx } from "@/lib/auth/actor";
import { changes, recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { NotFoundError } from "@/lib/errors";
import { ZEvidenceRuleUpdate, type TEvidenceRuleUpdate } from "@/lib/schemas/evidence";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { controlIdsForKeys, RULE_SELECT } from "@/lib/evidence/rule-controls";

export interface UpdateRuleOptions {
  ctx: RequestCtx;
  projectSlug: string;
  ruleId: string;
  data: TEvidenceRuleUpdate;
}

/** Changes a rule. Past filings stay as they are until the rule is applied again (applyRule). */
export async function updateRule({ ctx, projectSlug, ruleId, data }: UpdateRuleOptions) {
  const input = validate(ZEvidenceRuleUpdate, data, "body");
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence-rule:manage" });
  return prisma.$transaction(async (tx) => {
    const before = await tx.evidenceRule.findFirst({
      where: { id: ruleId, projectId: project.id },
      select: RULE_SELECT,
    });
    if (!before) throw new NotFoundError(`Project "${projectSlug}" has no rule ${ruleId}.`);
    if (input.controlKeys) {
      const controlIds = await controlIdsForKeys(tx, input.controlKeys);
      await tx.evidenceRuleControl.deleteMany({ where: { ruleId } });
      await tx.evidenceRuleControl.createMany({ data: controlIds.map((controlId) => ({ ruleId, controlId })) });
    }
    const after = await tx.evidenceRule.update({
      where: { id: ruleId },
      data: {
        name: input.name,
        kind: input.kind,
        format: input.format,
        conditions: input.conditions as Prisma.InputJsonValue | undefined,
        enabled: input.enabled,
      },
      select: RULE_SELECT,
    });
    const keys = (r: typeof before) => r.controls.map((c) => c.control.key).sort();
    const diff = changes(
      {
        name: before.name,
        kind: before.kind,
        format: before.format,
        conditions: before.conditions,
        enabled: before.enabled,
        controls: keys(before),
      },
      {
        name: input.name,
        kind: input.kind,
        format: input.format,
        conditions: input.conditions,
        enabled: input.enabled,
        controls: input.controlKeys ? keys(after) : undefined,
      },
    );
    if (Object.keys(diff.after).length) {
      await recordActivity(tx, {
        ctx,
        action: "evidence_rule.update",
        entityType: "EvidenceRule",
        entityId: ruleId,
        projectId: project.id,
        summary: diff,
      });
    }
    return after;
  });
}
