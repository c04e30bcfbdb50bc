// Control frequencies and evidence kinds with their labels: no zod here (client components import this;
// lib/schemas/control.ts builds its schemas on the same values).
import type { EvidenceKind, Frequency } from "@/generated/prisma/enums";

export const FREQUENCIES = [
  "CONTINUOUS",
  "PER_CHANGE",
  "DAILY",
  "WEEKLY",
  "MONTHLY",
  "QUARTERLY",
  "SEMI_ANNUALLY",
  "ANNUALLY",
] as const satisfies readonly Frequency[];
export const FREQUENCY_LABELS: Record<Frequency, string> = {
  CONTINUOUS: "Continuous",
  PER_CHANGE: "Per change",
  DAILY: "Daily",
  WEEKLY: "Weekly",
  MONTHLY: "Monthly",
  QUARTERLY: "Quarterly",
  SEMI_ANNUALLY: "Every six months",
  ANNUALLY: "Yearly",
};

export const EVIDENCE_KINDS = [
  "TEST_REPORT",
  "SAST_SCAN",
  "DEPENDENCY_AUDIT",
  "SBOM",
  "CI_RUN",
  "PULL_REQUEST",
  "DEPLOYMENT",
  "AUDIT_LOG",
  "RESTORE_DRILL",
  "BACKUP",
  "MANUAL_FILE",
  "LINK",
  "VENDOR_REPORT",
] as const satisfies readonly EvidenceKind[];
export { EVIDENCE_KIND_LABELS } from "@/lib/core/labels";
