import { prisma } from "@/lib/db";
import { recordActivity } from "@/lib/activity/record-activity";
import { createAudit } from "@/lib/audits/create-audit";
import { grantAuditor } from "@/lib/audits/grant-auditor";
import type { SeedStep } from "@/lib/seed/step";
import { DAY_MS } from "@/lib/core/time";

/**
 * A SOC 2 Type II audit of the RePORT AI Portal and the MLSDM Engine over the last half year, in
 * fieldwork, with the demo auditor granted access for two months and one request of theirs open.
 */
export const seedAudits: SeedStep = {
  name: "audits",
  async run(ctx) {
    const lead = await prisma.user.findUnique({ where: { email: "lead@proofline.test" }, select: { id: true } });
    const auditor = await prisma.user.findUnique({ where: { email: "auditor@proofline.test" }, select: { id: true } });
    const projects = await prisma.project.findMany({
      where: { slug: { in: ["report-ai-portal", "mlsdm-engine"] } },
      select: { slug: true },
    });
    if (!lead || !auditor || !projects.length || !(await prisma.framework.findUnique({ where: { key: "soc2" } })))
      return;
    const now = new Date();
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 1);
    const start = new Date(end.getTime() + 1 - 182 * DAY_MS);
    const audit = await createAudit({
      ctx,
      now,
      data: {
        name: "SOC 2 Type II: last six months",
        framework: "soc2",
        projects: projects.map((p) => p.slug),
        type: "TYPE_II",
        windowStart: start.toISOString().slice(0, 10),
        windowEnd: end.toISOString().slice(0, 10),
        leadId: lead.id,
      },
    });
    await prisma.$transaction(async (tx) => {
      await tx.audit.update({ where: { id: audit.id }, data: { status: "FIELDWORK" } });
      await recordActivity(tx, {
        ctx,
        action: "audit.status",
        entityType: "Audit",
        entityId: audit.id,
        summary: { before: { status: "PLANNING" }, after: { status: "FIELDWORK" } },
      });
    });
    await grantAuditor({
      ctx,
      now,
      auditId: audit.id,
      data: { userId: auditor.id, expiresAt: new Date(now.getTime() + 60 * DAY_MS).toISOString().slice(0, 10) },
    });
    const requirement = await prisma.requirement.findFirst({
      where: { framework: { key: "soc2" }, refId: "CC6.2" },
      select: { id: true },
    });
    await prisma.$transaction(async (tx) => {
      const request = await tx.evidenceRequest.create({
        data: {
          auditId: audit.id,
          requirementId: requirement?.id ?? null,
          title: "User access reviews performed during the window",
          detail: "Each quarterly access review, with who reviewed it and what was removed.",
          dueAt: new Date(now.getTime() + 14 * DAY_MS),
          raisedById: auditor.id,
        },
      });
      await recordActivity(tx, {
        ctx,
        action: "request.raise",
        entityType: "EvidenceRequest",
        entityId: request.id,
        summary: { auditId: audit.id, after: { title: request.title } },
      });
    });
  },
};
