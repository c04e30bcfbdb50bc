import type { EvidenceKind, EvidenceOutcome } from "@/generated/prisma/enums";
import type { FormatId } from "@/lib/ingest/formats";

/** Source metadata a parser can read from the content itself (e.g. SARIF version control facts). */
export interface SourceFacts {
  repo?: string;
  branch?: string;
  commit?: string;
  workflow?: string;
  runUrl?: string;
}

/** What a drill reports, for recording an exercise of the runbook it names. */
export interface DrillFacts {
  name: string;
  runbookKey: string;
  startedAt: Date;
  finishedAt: Date;
  reportedOutcome: "pass" | "fail" | "partial";
  rtoSeconds: number | null;
  rpoSeconds: number | null;
  targets: { rtoSeconds: number | null; rpoSeconds: number | null };
  log: string | null;
}

/** The normalised result of parsing one body: everything the evidence row needs except where it goes. */
export interface ParsedEvidence {
  kind: EvidenceKind;
  format: FormatId;
  title: string;
  outcome: EvidenceOutcome;
  /** One sentence: which rule gave this outcome (shown beside it). */
  outcomeReason: string;
  /** Small and JSON-safe: counts, capped lists. Never the whole document. */
  summary: Record<string, unknown>;
  /** What rules may match by name: a drill's name, a workflow or check name, a report's name. */
  subject?: string;
  effectiveAt?: Date;
  periodStart?: Date;
  periodEnd?: Date;
  source?: SourceFacts;
  drill?: DrillFacts;
}
