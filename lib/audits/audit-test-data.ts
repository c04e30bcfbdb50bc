// Test data for the audit workspace, shared by integration tests, end-to-end specs and the packet
// benchmark. Rows go straight into the database (the way ingest would leave them).
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import type { EvidenceKind, EvidenceOutcome } from "@/generated/prisma/enums";
import { DAY_MS } from "@/lib/core/time";

export { DAY_MS };

export async function makeAudit(opts: {
  leadId: string;
  projectIds: string[];
  windowStart: Date;
  windowEnd: Date;
  framework?: string;
  name?: string;
  status?: "PLANNING" | "FIELDWORK" | "REPORTING" | "CLOSED";
}) {
  const framework = await prisma.framework.findUniqueOrThrow({
    where: { key: opts.framework ?? "soc2" },
    select: { id: true },
  });
  return prisma.audit.create({
    data: {
      name: opts.name ?? `Audit ${randomBytes(3).toString("hex")}`,
      frameworkId: framework.id,
      windowStart: opts.windowStart,
      windowEnd: opts.windowEnd,
      leadId: opts.leadId,
      status: opts.status ?? "FIELDWORK",
      projects: { create: opts.projectIds.map((projectId) => ({ projectId })) },
    },
  });
}

export async function makeGrant(opts: {
  auditId: string;
  userId: string;
  expiresAt: Date;
  grantedById: string;
  revokedAt?: Date;
}) {
  return prisma.auditorGrant.create({ data: opts });
}

export async function makeEvidence(opts: {
  projectId: string;
  effectiveAt: Date;
  kind?: EvidenceKind;
  outcome?: EvidenceOutcome;
  title?: string;
  expiresAt?: Date | null;
  sourceBranch?: string;
  sourceWorkflow?: string;
  bytes?: Buffer;
  controlIds?: string[];
}) {
  const bytes = opts.bytes ?? null;
  const sha256 = bytes ? createHash("sha256").update(bytes).digest("hex") : null;
  const evidence = await prisma.evidence.create({
    data: {
      projectId: opts.projectId,
      kind: opts.kind ?? "TEST_REPORT",
      format: "junit",
      title: opts.title ?? `Evidence ${randomBytes(3).toString("hex")}`,
      outcome: opts.outcome ?? "PASS",
      summary: {},
      dedupeKey: sha256 ?? randomBytes(16).toString("hex"),
      sha256,
      byteSize: bytes ? BigInt(bytes.length) : null,
      contentType: bytes ? "application/xml" : null,
      originalName: bytes ? "report.xml" : null,
      sourceBranch: opts.sourceBranch ?? null,
      sourceWorkflow: opts.sourceWorkflow ?? null,
      collectedAt: opts.effectiveAt,
      effectiveAt: opts.effectiveAt,
      expiresAt: opts.expiresAt ?? null,
    },
  });
  if (opts.controlIds?.length) {
    await prisma.evidenceControl.createMany({
      data: opts.controlIds.map((controlId) => ({
        evidenceId: evidence.id,
        controlId,
        projectId: opts.projectId,
        kind: evidence.kind,
        outcome: evidence.outcome,
        effectiveAt: evidence.effectiveAt,
        collectedAt: evidence.collectedAt,
        via: "manual",
      })),
    });
  }
  return evidence;
}

export async function controlByKey(key: string) {
  return prisma.control.findUniqueOrThrow({ where: { key } });
}
