import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { DEFAULT_POLICY } from "@/lib/vulnerabilities/deadlines";
import type { TRemediationPolicy } from "@/lib/schemas/vulnerabilities";

export interface SetRemediationPolicyOptions {
  ctx: RequestCtx;
  projectSlug: string;
  policy: TRemediationPolicy;
}

/** Sets the project's remediation deadlines; readiness applies them from the next computation on. */
export async function setRemediationPolicy({ ctx, projectSlug, policy }: SetRemediationPolicyOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "project:update" });
  return prisma.$transaction(async (tx) => {
    const before = await tx.remediationPolicy.findUnique({
      where: { projectId: project.id },
      select: { criticalDays: true, highDays: true, mediumDays: true, lowDays: true },
    });
    const saved = await tx.remediationPolicy.upsert({
      where: { projectId: project.id },
      update: policy,
      create: { projectId: project.id, ...policy },
      select: { criticalDays: true, highDays: true, mediumDays: true, lowDays: true, updatedAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "remediation_policy.update",
      entityType: "RemediationPolicy",
      entityId: project.id,
      projectId: project.id,
      summary: { before: before ?? DEFAULT_POLICY, after: policy },
    });
    return { ...saved, isDefault: false };
  });
}
