import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { validate } from "@/lib/api/validate";
import { ZEvidenceRuleInput, type TEvidenceRuleInput } from "@/lib/schemas/evidence";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { controlIdsForKeys, RULE_SELECT } from "@/lib/evidence/rule-controls";

export interface CreateRuleOptions {
  ctx: RequestCtx;
  projectSlug: string;
  data: TEvidenceRuleInput;
}

/** Adds a filing rule. It files new evidence from now on; applyRule files past evidence too. */
export async function createRule({ ctx, projectSlug, data }: CreateRuleOptions) {
  const input = validate(ZEvidenceRuleInput, data, "body");
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence-rule:manage" });
  return prisma.$transaction(async (tx) => {
    const controlIds = await controlIdsForKeys(tx, input.controlKeys);
    const rule = await tx.evidenceRule.create({
      data: {
        projectId: project.id,
        name: input.name,
        kind: input.kind,
        format: input.format,
        conditions: input.conditions as Prisma.InputJsonValue,
        enabled: input.enabled,
        controls: { create: controlIds.map((controlId) => ({ controlId })) },
      },
      select: RULE_SELECT,
    });
    await recordActivity(tx, {
      ctx,
      action: "evidence_rule.create",
      entityType: "EvidenceRule",
      entityId: rule.id,
      projectId: project.id,
      summary: {
        name: input.name,
        kind: input.kind,
        format: input.format,
        conditions: input.conditions,
        controls: [...input.controlKeys].sort(),
        enabled: input.enabled,
      },
    });
    return rule;
  });
}
