import type { EvidenceKind } from "@/generated/prisma/enums";

// Every evidence format Proofline knows. `container` says how the body is read: XML streamed through a
// SAX parser, one JSON document (size-capped), or JSON Lines streamed line by line.
export type Container = "xml" | "json" | "jsonl" | "json-or-jsonl" | "text" | "bytes" | "none";

interface FormatInfo {
  kind: EvidenceKind;
  container: Container;
  label: string;
  /** May be pushed to POST /evidence (the rest arrive through the GitHub webhook or the browser). */
  pushable: boolean;
}

export const FORMATS = {
  junit: { kind: "TEST_REPORT", container: "xml", label: "JUnit XML test report", pushable: true },
  sarif: { kind: "SAST_SCAN", container: "json", label: "SARIF 2.1.0 scan", pushable: true },
  "npm-audit": {
    kind: "DEPENDENCY_AUDIT",
    container: "json",
    label: "npm audit JSON (npm 6, npm 7+, pnpm, yarn 2+)",
    pushable: true,
  },
  "yarn-audit": {
    kind: "DEPENDENCY_AUDIT",
    container: "jsonl",
    label: "yarn audit JSON Lines (yarn 1, yarn 4)",
    pushable: true,
  },
  "pip-audit": { kind: "DEPENDENCY_AUDIT", container: "json", label: "pip-audit JSON", pushable: true },
  trivy: {
    kind: "DEPENDENCY_AUDIT",
    container: "json",
    label: "Trivy JSON (image, filesystem or repository scan)",
    pushable: true,
  },
  grype: { kind: "DEPENDENCY_AUDIT", container: "json", label: "Grype JSON", pushable: true },
  "osv-scanner": { kind: "DEPENDENCY_AUDIT", container: "json", label: "OSV-Scanner JSON", pushable: true },
  gitleaks: { kind: "SAST_SCAN", container: "json", label: "gitleaks JSON report", pushable: true },
  bandit: { kind: "SAST_SCAN", container: "json", label: "Bandit JSON report", pushable: true },
  cyclonedx: { kind: "SBOM", container: "json", label: "CycloneDX JSON SBOM", pushable: true },
  spdx: { kind: "SBOM", container: "json", label: "SPDX 2.x JSON SBOM (also GitHub's export)", pushable: true },
  "audit-log": { kind: "AUDIT_LOG", container: "jsonl", label: "Audit log as JSON Lines", pushable: true },
  auditd: {
    kind: "AUDIT_LOG",
    container: "text",
    label: "Linux auditd log (raw or log_format=ENRICHED)",
    pushable: true,
  },
  pgaudit: {
    kind: "AUDIT_LOG",
    container: "text",
    label: "PostgreSQL log with pgaudit entries (csvlog or stderr)",
    pushable: true,
  },
  cloudtrail: {
    kind: "AUDIT_LOG",
    container: "json",
    label: 'AWS CloudTrail log file ({"Records": [...]}, plain or gzipped)',
    pushable: true,
  },
  drill: { kind: "RESTORE_DRILL", container: "json", label: "Restore drill (Proofline JSON)", pushable: true },
  restic: { kind: "BACKUP", container: "json-or-jsonl", label: "restic --json output", pushable: true },
  pgbackrest: { kind: "BACKUP", container: "json", label: "pgBackRest info --output=json", pushable: true },
  "pgbackrest-log": {
    kind: "BACKUP",
    container: "text",
    label: "pgBackRest backup or restore console log",
    pushable: true,
  },
  "restic-check": { kind: "BACKUP", container: "text", label: "restic check text output", pushable: true },
  "restic-forget": {
    kind: "BACKUP",
    container: "json",
    label: "restic forget --json (the retention applied)",
    pushable: true,
  },
  "postgres-recovery": {
    kind: "RESTORE_DRILL",
    container: "text",
    label: "PostgreSQL log of a restored copy (measured recovery time)",
    pushable: true,
  },
  manual: { kind: "MANUAL_FILE", container: "bytes", label: "Any other file (kept, not parsed)", pushable: true },
  // A subservice organisation's SOC 2 report or ISO certificate: kept, not parsed; the period it covers
  // is required, and it is effective at the period's end (docs/catalogues.md, "Carved out").
  "vendor-report": {
    kind: "VENDOR_REPORT",
    container: "bytes",
    label: "Vendor assurance report (SOC 2 report or ISO certificate, with the period it covers)",
    pushable: true,
  },
  link: { kind: "LINK", container: "none", label: "A link", pushable: false },
  "github-workflow-run": { kind: "CI_RUN", container: "none", label: "GitHub workflow run", pushable: false },
  "github-check-run": { kind: "CI_RUN", container: "none", label: "GitHub check run", pushable: false },
  "github-check-suite": { kind: "CI_RUN", container: "none", label: "GitHub check suite", pushable: false },
  "github-deployment-status": {
    kind: "DEPLOYMENT",
    container: "none",
    label: "GitHub deployment status",
    pushable: false,
  },
  "github-pull-request": {
    kind: "PULL_REQUEST",
    container: "none",
    label: "GitHub pull request (merged)",
    pushable: false,
  },
  "gitlab-pipeline": { kind: "CI_RUN", container: "none", label: "GitLab pipeline", pushable: false },
  "gitlab-deployment": { kind: "DEPLOYMENT", container: "none", label: "GitLab deployment", pushable: false },
  "gitlab-merge-request": {
    kind: "PULL_REQUEST",
    container: "none",
    label: "GitLab merge request (merged)",
    pushable: false,
  },
} as const satisfies Record<string, FormatInfo>;

export type FormatId = keyof typeof FORMATS;

export const PUSH_FORMATS = (Object.keys(FORMATS) as FormatId[]).filter((f) => FORMATS[f].pushable);

export function isFormatId(value: string): value is FormatId {
  return Object.hasOwn(FORMATS, value);
}

export function formatLabel(format: string): string {
  return isFormatId(format) ? FORMATS[format].label : format;
}
