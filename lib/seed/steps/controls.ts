import { prisma } from "@/lib/db";
import { recordActivity } from "@/lib/activity/record-activity";
import type { SeedStep } from "@/lib/seed/step";
import { DEMO_PROJECTS } from "@/lib/seed/demo-projects";
import { familyOf } from "@/lib/controls/starter-library";

// Who owns which starter families in the demo: the lead runs governance, privacy, vendors, people,
// incidents and research records; the engineer the technical controls; the admin access control.
const OWNER_BY_FAMILY: Record<string, string> = {
  GOV: "lead@proofline.test",
  PRV: "lead@proofline.test",
  VND: "lead@proofline.test",
  HRS: "lead@proofline.test",
  INC: "lead@proofline.test",
  RES: "lead@proofline.test",
  ACC: "admin@proofline.test",
  CHG: "engineer@proofline.test",
  SDL: "engineer@proofline.test",
  CRY: "engineer@proofline.test",
  BCK: "engineer@proofline.test",
  OPS: "engineer@proofline.test",
  LOG: "engineer@proofline.test",
};

// Controls that do not apply to a demo project, with the reason its team would give.
const NOT_APPLICABLE: Array<{ project: string; key: string; justification: string }> = [
  {
    project: "mlsdm-engine",
    key: "RES-02",
    justification:
      "MLSDM Engine holds no study records or participant data; nothing it stores is under IRB oversight, so there is nothing to retain or export for inspection.",
  },
  {
    project: "mlsdm-engine",
    key: "RES-07",
    justification:
      "The engine serves models, not study data: there are no study snapshots to review before they reach the live system.",
  },
];

/** Demo data for frameworks and controls: owners for the starter controls, project frameworks, a few NA marks. */
export const seedFrameworksAndControls: SeedStep = {
  name: "frameworks and controls",
  async run(ctx) {
    await prisma.$transaction(
      async (tx) => {
        const users = await tx.user.findMany({
          where: { email: { in: [...new Set(Object.values(OWNER_BY_FAMILY))] } },
          select: { id: true, email: true },
        });
        const userId = new Map(users.map((u) => [u.email, u.id]));
        const controls = await tx.control.findMany({
          where: { starter: true, ownerId: null },
          select: { id: true, key: true },
        });
        const byOwner = new Map<string, string[]>();
        for (const c of controls) {
          const email = OWNER_BY_FAMILY[familyOf(c.key)];
          if (email && userId.has(email)) byOwner.set(email, [...(byOwner.get(email) ?? []), c.id]);
        }
        for (const [email, ids] of byOwner) {
          await tx.control.updateMany({ where: { id: { in: ids } }, data: { ownerId: userId.get(email)! } });
          await recordActivity(tx, {
            ctx,
            action: "control.owner",
            entityType: "ControlLibrary",
            entityId: "starter",
            summary: { owner: email, controls: ids.length },
          });
        }

        const frameworks = new Map(
          (await tx.framework.findMany({ select: { id: true, key: true } })).map((f) => [f.key, f.id]),
        );
        const projects = new Map(
          (
            await tx.project.findMany({
              where: { slug: { in: DEMO_PROJECTS.map((p) => p.slug) } },
              select: { id: true, slug: true },
            })
          ).map((p) => [p.slug, p.id]),
        );
        for (const p of DEMO_PROJECTS) {
          const projectId = projects.get(p.slug);
          if (!projectId) continue;
          const keys = p.frameworks.filter((k) => frameworks.has(k));
          await tx.projectFramework.createMany({
            data: keys.map((k) => ({ projectId, frameworkId: frameworks.get(k)! })),
            skipDuplicates: true,
          });
          await recordActivity(tx, {
            ctx,
            action: "project.frameworks",
            entityType: "Project",
            entityId: projectId,
            projectId,
            summary: { after: { frameworks: keys } },
          });
        }

        for (const na of NOT_APPLICABLE) {
          const projectId = projects.get(na.project);
          const control = await tx.control.findUnique({ where: { key: na.key }, select: { id: true } });
          if (!projectId || !control) continue;
          await tx.projectControl.create({
            data: { projectId, controlId: control.id, notApplicable: true, justification: na.justification },
          });
          await recordActivity(tx, {
            ctx,
            action: "control.not-applicable",
            entityType: "Control",
            entityId: control.id,
            projectId,
            summary: { key: na.key, after: { notApplicable: true, justification: na.justification } },
          });
        }
      },
      { timeout: 60_000 },
    );
  },
};
