// Test data the shared factories do not build yet (integration and browser tests of this area).
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";

/** Gives an auditor a live grant on an audit of `projectId`, so that they can see (and only read) it. */
export async function grantAuditorOn(
  projectId: string,
  auditorId: string,
  grantedById: string,
  expiresAt = new Date(Date.now() + 30 * 86_400_000),
) {
  const suffix = randomBytes(4).toString("hex");
  const framework =
    (await prisma.framework.findFirst({ select: { id: true } })) ??
    (await prisma.framework.create({
      data: { key: `test-${suffix}`, name: "Test framework", version: "1" },
      select: { id: true },
    }));
  const audit = await prisma.audit.create({
    data: {
      name: `Audit ${suffix}`,
      frameworkId: framework.id,
      windowStart: new Date("2026-01-01T00:00:00Z"),
      windowEnd: new Date("2026-12-31T00:00:00Z"),
      leadId: grantedById,
      projects: { create: { projectId } },
    },
  });
  await prisma.auditorGrant.create({ data: { auditId: audit.id, userId: auditorId, expiresAt, grantedById } });
  return audit;
}

/** The rows a document import writes in a project, counted. */
export async function importRowCounts(projectId: string) {
  return {
    documents: await prisma.sourceDocument.count({ where: { projectId } }),
    versions: await prisma.documentVersion.count({ where: { document: { projectId } } }),
    items: await prisma.backlogItem.count({ where: { projectId } }),
    runbooks: await prisma.runbook.count({ where: { projectId } }),
    events: await prisma.activityEvent.count({ where: { projectId } }),
  };
}

/** The import mapping saved on the project's (one) imported document. */
export async function savedImportMapping(projectId: string) {
  const doc = await prisma.sourceDocument.findFirstOrThrow({ where: { projectId }, select: { importMapping: true } });
  return doc.importMapping;
}
