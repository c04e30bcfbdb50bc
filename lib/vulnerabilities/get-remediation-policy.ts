import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { DEFAULT_POLICY } from "@/lib/vulnerabilities/deadlines";

export interface GetRemediationPolicyOptions {
  ctx: RequestCtx;
  projectSlug: string;
}

/** The project's remediation deadlines (days per severity), and whether they are the defaults. */
export async function getRemediationPolicy({ ctx, projectSlug }: GetRemediationPolicyOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "project:read" });
  const row = await prisma.remediationPolicy.findUnique({
    where: { projectId: project.id },
    select: { criticalDays: true, highDays: true, mediumDays: true, lowDays: true, updatedAt: true },
  });
  return row ? { ...row, isDefault: false } : { ...DEFAULT_POLICY, updatedAt: null, isDefault: true };
}
