import type { Tx } from "@/lib/db";
import type { EvidenceKind, EvidenceOutcome } from "@/generated/prisma/enums";
import { ruleMatches, type RuleConditions } from "@/lib/evidence/rule-match";

// Filing: which controls a piece of evidence goes under (the project's enabled rules), and when it
// expires (its effective time plus the shortest freshness window any of its controls sets for its
// kind). EvidenceControl rows copy kind, outcome and times from the evidence so that readiness finds
// "the newest evidence of kind K for control C" with one index probe; they are written here only.

export interface FileableEvidence {
  id: string;
  projectId: string;
  kind: EvidenceKind;
  format: string;
  outcome: EvidenceOutcome;
  effectiveAt: Date;
  collectedAt: Date;
  sourceRepo: string | null;
  sourceBranch: string | null;
  sourceWorkflow: string | null;
  subject: string | null;
}

/** Files new evidence by the project's rules; returns the keys of the controls it went under. */
export async function fileByRules(tx: Tx, ev: FileableEvidence): Promise<string[]> {
  const rules = await tx.evidenceRule.findMany({
    where: { projectId: ev.projectId, enabled: true },
    select: { id: true, kind: true, format: true, conditions: true, controls: { select: { controlId: true } } },
    orderBy: { createdAt: "asc" },
  });
  const byControl = new Map<string, string>();
  for (const rule of rules) {
    if (!ruleMatches({ kind: rule.kind, format: rule.format, conditions: rule.conditions as RuleConditions }, ev))
      continue;
    for (const { controlId } of rule.controls) if (!byControl.has(controlId)) byControl.set(controlId, rule.id);
  }
  if (byControl.size) {
    await tx.evidenceControl.createMany({
      data: [...byControl].map(([controlId, ruleId]) => ({
        evidenceId: ev.id,
        controlId,
        projectId: ev.projectId,
        kind: ev.kind,
        outcome: ev.outcome,
        effectiveAt: ev.effectiveAt,
        collectedAt: ev.collectedAt,
        via: "rule",
        ruleId,
      })),
      skipDuplicates: true,
    });
  }
  await refreshExpiry(tx, [ev.id]);
  if (!byControl.size) return [];
  const controls = await tx.control.findMany({
    where: { id: { in: [...byControl.keys()] } },
    select: { key: true },
    orderBy: { key: "asc" },
  });
  return controls.map((c) => c.key);
}

/** Recomputes expiresAt for the given evidence from the controls it is filed under. */
export async function refreshExpiry(tx: Tx, evidenceIds: string[]): Promise<void> {
  if (!evidenceIds.length) return;
  await tx.$executeRaw`
    UPDATE "Evidence" e
    SET "expiresAt" = (
      SELECT e."effectiveAt" + make_interval(days => min(ce."freshnessDays"))
      FROM "EvidenceControl" ec
      JOIN "ControlExpectation" ce ON ce."controlId" = ec."controlId" AND ce.kind = ec.kind
      WHERE ec."evidenceId" = e.id
    )
    WHERE e.id = ANY(${evidenceIds}::text[])`;
}
