import type { EvidenceKind } from "@/generated/prisma/enums";

// One label per enum value, used alike by the pages, CSV exports, PDF packets and readiness reasons.

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  TEST_REPORT: "Test report",
  SAST_SCAN: "Code scan",
  DEPENDENCY_AUDIT: "Dependency audit",
  SBOM: "SBOM",
  CI_RUN: "CI run",
  PULL_REQUEST: "Pull request",
  DEPLOYMENT: "Deployment record",
  AUDIT_LOG: "Audit log",
  RESTORE_DRILL: "Restore drill",
  BACKUP: "Backup record",
  MANUAL_FILE: "Uploaded document",
  LINK: "Linked document",
  VENDOR_REPORT: "Vendor assurance report",
};

/** An evidence kind's label, or a readable form of an unknown one ("NEW_KIND" -> "New kind"). */
export function evidenceKindLabel(kind: string): string {
  const known = (EVIDENCE_KIND_LABELS as Record<string, string>)[kind];
  if (known) return known;
  const words = kind.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label inside a sentence ("no fresh code scan"): lower case, acronyms (SBOM, CI) kept. */
export function evidenceKindNoun(kind: string): string {
  return evidenceKindLabel(kind)
    .split(" ")
    .map((w) => (/^[A-Z]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(" ");
}
