import type { Tone } from "@/components/ui/badge";

export const KIND_LABELS: Record<string, string> = {
  TEST_REPORT: "Test report",
  SAST_SCAN: "Code scan",
  DEPENDENCY_AUDIT: "Dependency audit",
  SBOM: "SBOM",
  CI_RUN: "CI run",
  PULL_REQUEST: "Pull request",
  DEPLOYMENT: "Deployment",
  AUDIT_LOG: "Audit log",
  RESTORE_DRILL: "Restore drill",
  BACKUP: "Backup",
  MANUAL_FILE: "Uploaded file",
  LINK: "Link",
  VENDOR_REPORT: "Vendor assurance report",
};

// Outcomes are always written out (never shown by colour alone).
export const OUTCOMES: Record<string, { label: string; tone: Tone }> = {
  PASS: { label: "Pass", tone: "ok" },
  FAIL: { label: "Fail", tone: "bad" },
  WARN: { label: "Warn", tone: "warn" },
  INFO: { label: "Info", tone: "info" },
};
