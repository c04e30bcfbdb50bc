import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { RULE_SELECT } from "@/lib/evidence/rule-controls";
import { evidenceScopeWhere } from "@/lib/core/access/auditor-scope";

/** A project's filing rules with their controls and how much evidence each has filed. */
export async function listRules({ ctx, projectSlug }: { ctx: RequestCtx; projectSlug: string }) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence:read" });
  // An auditor counts only the filings of evidence inside their window (lib/core/access/auditor-scope.ts).
  const scope = await evidenceScopeWhere(ctx.actor);
  const [rules, counts, mapping] = await Promise.all([
    prisma.evidenceRule.findMany({
      where: { projectId: project.id },
      select: RULE_SELECT,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
    }),
    prisma.evidenceControl.groupBy({
      by: ["ruleId"],
      where: { projectId: project.id, via: "rule", evidence: scope },
      _count: { _all: true },
    }),
    prisma.auditLogMapping.findUnique({ where: { projectId: project.id }, select: { mapping: true, updatedAt: true } }),
  ]);
  const filed = new Map(counts.map((c) => [c.ruleId, c._count._all]));
  return {
    items: rules.map((r) => ({ ...r, controls: r.controls.map((c) => c.control), filings: filed.get(r.id) ?? 0 })),
    auditLogMapping: mapping?.mapping ?? null,
  };
}
