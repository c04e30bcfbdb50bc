// Rows readiness reads, written straight into the database for integration tests: a framework of one
// control, and evidence filed against a control the way filing leaves it. Every key is unique per call
// unless given.
import { prisma } from "@/lib/db";
import type { EvidenceKind, EvidenceOutcome, Frequency } from "@/generated/prisma/enums";
import { uniq } from "@/tests/factories";

/**
 * A framework of its own assigned to the project, whose one requirement R1 maps one control C that
 * expects `kind` within `freshnessDays`.
 */
export async function makeOneControlFramework(opts: {
  projectId: string;
  kind: EvidenceKind;
  freshnessDays: number;
  frequency: Frequency;
  frameworkKey?: string;
  controlKey?: string;
}) {
  const framework = await prisma.framework.create({
    data: { key: opts.frameworkKey ?? uniq("fw"), name: "F", version: "1" },
  });
  await prisma.projectFramework.create({ data: { projectId: opts.projectId, frameworkId: framework.id } });
  const control = await prisma.control.create({
    data: { key: opts.controlKey ?? uniq("C"), title: "C", description: "", frequency: opts.frequency },
  });
  await prisma.controlExpectation.create({
    data: { controlId: control.id, kind: opts.kind, freshnessDays: opts.freshnessDays },
  });
  const requirement = await prisma.requirement.create({
    data: { frameworkId: framework.id, refId: "R1", level: "requirement", title: "R1" },
  });
  await prisma.controlMapping.create({ data: { controlId: control.id, requirementId: requirement.id } });
  return { framework, control, requirement };
}

export interface FiledEvidence {
  projectId: string;
  controlId: string;
  kind: EvidenceKind;
  outcome: EvidenceOutcome;
  title: string;
  effectiveAt: Date;
  /** When it arrived: at `effectiveAt` unless given. */
  collectedAt?: Date;
  /** "t" unless given. */
  format?: string;
  /** How it was filed against the control: "manual" unless given. */
  via?: "manual" | "rule";
  id?: string;
  dedupeKey?: string;
  sourceBranch?: string;
}

/** One piece of evidence and its filing against one control. */
export async function fileEvidence(e: FiledEvidence) {
  const collectedAt = e.collectedAt ?? e.effectiveAt;
  const evidence = await prisma.evidence.create({
    data: {
      id: e.id,
      projectId: e.projectId,
      kind: e.kind,
      format: e.format ?? "t",
      title: e.title,
      outcome: e.outcome,
      summary: {},
      dedupeKey: e.dedupeKey ?? uniq("d"),
      effectiveAt: e.effectiveAt,
      collectedAt,
      sourceBranch: e.sourceBranch,
    },
  });
  await prisma.evidenceControl.create({
    data: {
      evidenceId: evidence.id,
      controlId: e.controlId,
      projectId: e.projectId,
      kind: e.kind,
      outcome: e.outcome,
      effectiveAt: e.effectiveAt,
      collectedAt,
      via: e.via ?? "manual",
    },
  });
  return evidence;
}
