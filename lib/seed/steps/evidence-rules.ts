import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { EvidenceKind } from "@/generated/prisma/enums";
import { recordActivity } from "@/lib/activity/record-activity";
import type { SeedStep } from "@/lib/seed/step";
import { DEMO_PROJECTS } from "@/lib/seed/demo-projects";

// The filing rules every demo project ships with, so that evidence pushed to a demo project lands
// under the starter controls that expect it. Controls missing from the library are left out.
const RULES: Array<{
  name: string;
  kind: EvidenceKind;
  format?: string;
  conditions?: Record<string, string>;
  controls: string[];
}> = [
  { name: "Test reports from main", kind: "TEST_REPORT", conditions: { branch: "main" }, controls: ["CHG-03"] },
  {
    name: "Release-check tests",
    kind: "TEST_REPORT",
    conditions: { workflow: "release-*" },
    controls: ["CHG-04", "ACC-02"],
  },
  { name: "CI runs on main", kind: "CI_RUN", conditions: { branch: "main" }, controls: ["CHG-03", "CHG-04"] },
  { name: "Static analysis", kind: "SAST_SCAN", controls: ["SDL-01"] },
  { name: "Dependency audits", kind: "DEPENDENCY_AUDIT", controls: ["SDL-02"] },
  { name: "SBOMs", kind: "SBOM", controls: ["SDL-04"] },
  { name: "Restore drills", kind: "RESTORE_DRILL", conditions: { name: "restore-*" }, controls: ["BCK-02", "BCK-05"] },
  { name: "Backups", kind: "BACKUP", controls: ["BCK-01"] },
  { name: "Audit logs", kind: "AUDIT_LOG", controls: ["OPS-01", "ACC-05"] },
  { name: "Merged pull requests", kind: "PULL_REQUEST", controls: ["CHG-01"] },
  { name: "Deployments", kind: "DEPLOYMENT", controls: ["CHG-05"] },
];

export const seedEvidenceRules: SeedStep = {
  name: "evidence filing rules",
  async run(ctx) {
    const controls = await prisma.control.findMany({
      where: { key: { in: [...new Set(RULES.flatMap((r) => r.controls))] }, archivedAt: null },
      select: { id: true, key: true },
    });
    const idOf = new Map(controls.map((c) => [c.key, c.id]));
    for (const demo of DEMO_PROJECTS) {
      const project = await prisma.project.findUnique({ where: { slug: demo.slug }, select: { id: true } });
      if (!project) continue;
      await prisma.$transaction(async (tx) => {
        for (const rule of RULES) {
          const ids = rule.controls.map((k) => idOf.get(k)).filter((x): x is string => !!x);
          if (
            !ids.length ||
            (await tx.evidenceRule.findFirst({
              where: { projectId: project.id, name: rule.name },
              select: { id: true },
            }))
          )
            continue;
          const created = await tx.evidenceRule.create({
            data: {
              projectId: project.id,
              name: rule.name,
              kind: rule.kind,
              format: rule.format ?? null,
              conditions: (rule.conditions ?? {}) as Prisma.InputJsonValue,
              controls: { create: ids.map((controlId) => ({ controlId })) },
            },
          });
          await recordActivity(tx, {
            ctx,
            action: "evidence_rule.create",
            entityType: "EvidenceRule",
            entityId: created.id,
            projectId: project.id,
            summary: { name: rule.name, kind: rule.kind, conditions: rule.conditions ?? {}, controls: rule.controls },
          });
        }
      });
    }
  },
};
