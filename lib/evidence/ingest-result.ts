import type { EvidenceOutcome } from "@/generated/prisma/enums";
import type { EvidenceResultRow, NewEvidence } from "@/lib/evidence/store-evidence";

/** What an ingest needs besides the parsed content: project, bytes and source metadata. */
export type BaseEvidence = Omit<NewEvidence, "kind" | "format" | "title" | "outcome" | "summary" | "effectiveAt">;

export interface IngestResult {
  status: "created" | "existing";
  id: string;
  kind: string;
  format: string;
  formatDetected: boolean;
  outcome: EvidenceOutcome;
  title: string;
  summary: unknown;
  effectiveAt: Date;
  expiresAt: Date | null;
  /** The sha256 and size of the original as stored (the decoded bytes), for the sender to check against its file. */
  sha256: string | null;
  byteSize: number | null;
  controls: string[];
  exerciseId?: string | null;
}

export function toResult(
  status: IngestResult["status"],
  row: EvidenceResultRow,
  controls: string[],
  formatDetected: boolean,
): IngestResult {
  return {
    status,
    id: row.id,
    kind: row.kind,
    format: row.format,
    formatDetected,
    outcome: row.outcome,
    title: row.title,
    summary: row.summary,
    effectiveAt: row.effectiveAt,
    expiresAt: row.expiresAt,
    sha256: row.sha256,
    byteSize: row.byteSize == null ? null : Number(row.byteSize),
    controls,
  };
}
