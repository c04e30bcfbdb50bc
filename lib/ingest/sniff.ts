import { isObject, type JsonValue } from "@/lib/ingest/exact-json";
import { looksLikeSarif } from "@/lib/ingest/sarif";
import { looksLikeCycloneDx, looksLikeSpdx3, spdxDocument } from "@/lib/ingest/sbom";
import { looksLikeNpmAudit } from "@/lib/ingest/npm-audit";
import { looksLikePipAudit } from "@/lib/ingest/pip-audit";
import { looksLikeDrill } from "@/lib/ingest/drill";
import { looksLikePgBackRest, looksLikeResticMessage, looksLikeResticSnapshots } from "@/lib/ingest/backups";
import { looksLikeYarnLine } from "@/lib/ingest/yarn-audit";
import { looksLikeAuditEvent, type AuditFieldMapping } from "@/lib/ingest/audit-log";
import type { FormatId } from "@/lib/ingest/formats";
import {
  CLOUDTRAIL_DIGEST_MESSAGE,
  looksLikeCloudTrailDigest,
  looksLikeCloudTrailDocument,
} from "@/lib/ingest/cloudtrail";
import { looksLikeResticForget } from "@/lib/ingest/backups";
import { looksLikeAuditd } from "@/lib/ingest/auditd";
import { looksLikePgaudit } from "@/lib/ingest/pgaudit";
import { looksLikePgBackRestLog, looksLikePostgresRecovery, looksLikeResticCheck } from "@/lib/ingest/backup-logs";
import { looksLikeTrivy } from "@/lib/ingest/trivy";
import { looksLikeGrype } from "@/lib/ingest/grype";
import { looksLikeOsvScanner } from "@/lib/ingest/osv-scanner";
import { looksLikeGitleaks } from "@/lib/ingest/gitleaks";
import { looksLikeBandit } from "@/lib/ingest/bandit";

// Telling formats apart. First the container from the first bytes (XML, one JSON document, JSON
// Lines), then the format from the content's own markers. Detection only ever answers with a format
// it is sure of; otherwise it says what it saw, and the caller must name the format.

export type ContainerGuess = "empty" | "xml" | "json" | "jsonl" | "text";

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function sniffContainer(head: Uint8Array, wholeBodyInHead: boolean): ContainerGuess {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && WS.has(head[i])) i++;
  if (i >= head.length) return "empty";
  const c = head[i];
  if (c === 0x3c) return "xml"; // <
  if (c !== 0x7b && c !== 0x5b) return "text"; // { [
  const nl = head.indexOf(0x0a, i);
  if (nl < 0) return "json"; // one line (or a first line longer than the head): a document
  const firstLine = Buffer.from(head.buffer, head.byteOffset + i, nl - i).toString("utf8");
  try {
    JSON.parse(firstLine);
  } catch {
    return "json"; // the first line is not a whole value: a pretty-printed document
  }
  let j = nl + 1;
  while (j < head.length && WS.has(head[j])) j++;
  if (j >= head.length && wholeBodyInHead) return "json"; // one value and a trailing newline
  return "jsonl";
}

export type Detection = { format: FormatId } | { format: null; saw: string; reason?: "unsupported" };

/** What one JSON document is. */
export function detectJsonDocument(doc: JsonValue, mapping: AuditFieldMapping | null): Detection {
  if (looksLikeCloudTrailDocument(doc)) return { format: "cloudtrail" };
  if (looksLikeCloudTrailDigest(doc)) return { format: null, saw: CLOUDTRAIL_DIGEST_MESSAGE, reason: "unsupported" };
  if (looksLikeResticForget(doc)) return { format: "restic-forget" };
  if (looksLikeSarif(doc)) return { format: "sarif" };
  if (looksLikeCycloneDx(doc)) return { format: "cyclonedx" };
  if (spdxDocument(doc)) return { format: "spdx" };
  if (looksLikeSpdx3(doc))
    return { format: null, saw: "an SPDX 3 JSON-LD document; only SPDX 2.x JSON is read", reason: "unsupported" };
  if (looksLikeNpmAudit(doc)) return { format: "npm-audit" };
  if (looksLikeDrill(doc)) return { format: "drill" };
  if (looksLikePipAudit(doc)) return { format: "pip-audit" };
  if (looksLikeResticSnapshots(doc) || looksLikeResticMessage(doc)) return { format: "restic" };
  if (looksLikePgBackRest(doc)) return { format: "pgbackrest" };
  if (looksLikeTrivy(doc)) return { format: "trivy" };
  if (looksLikeGrype(doc)) return { format: "grype" };
  if (looksLikeBandit(doc)) return { format: "bandit" };
  if (looksLikeOsvScanner(doc)) return { format: "osv-scanner" };
  if (looksLikeGitleaks(doc)) return { format: "gitleaks" };
  if (isObject(doc) && (doc.bomFormat !== undefined || doc.specVersion !== undefined)) {
    return {
      format: null,
      saw: `an SBOM-like document with bomFormat ${JSON.stringify(doc.bomFormat ?? null)}`,
      reason: "unsupported",
    };
  }
  if (looksLikeAuditEvent(doc, mapping)) return { format: "audit-log" };
  const keys = isObject(doc) ? Object.keys(doc).slice(0, 6) : [];
  return {
    format: null,
    saw: Array.isArray(doc)
      ? "a JSON array Proofline does not recognise"
      : `a JSON object with keys ${keys.map((k) => `"${k}"`).join(", ") || "(none)"}`,
  };
}

/** What a JSON Lines body is, from its first non-blank line. */
export function detectJsonLines(firstLine: JsonValue, mapping: AuditFieldMapping | null): Detection {
  if (looksLikeYarnLine(firstLine)) return { format: "yarn-audit" };
  if (looksLikeResticMessage(firstLine)) return { format: "restic" };
  if (looksLikeAuditEvent(firstLine, mapping)) return { format: "audit-log" };
  return {
    format: null,
    saw: "JSON Lines whose first line has no recognisable time and action (set the project's audit-log field mapping, or name the format)",
  };
}

/** What a text body (neither XML nor JSON) is, from its first bytes. */
export function detectText(head: string): Detection {
  if (looksLikeAuditd(head)) return { format: "auditd" };
  if (looksLikePgaudit(head)) return { format: "pgaudit" };
  if (looksLikePgBackRestLog(head)) return { format: "pgbackrest-log" };
  if (looksLikeResticCheck(head)) return { format: "restic-check" };
  if (looksLikePostgresRecovery(head)) return { format: "postgres-recovery" };
  return { format: null, saw: describeText(head) };
}

/** A sentence about a body that is neither XML nor JSON, naming it where we can. */
export function describeText(head: string): string {
  if (/AUDIT: (SESSION|OBJECT),/.test(head)) {
    return "PostgreSQL log output with pgaudit lines but not a server log file (its lines do not start with a timestamp); push the server's own log, stderr with log_line_prefix starting with %m or %t, or csvlog, as format pgaudit";
  }
  const firstLine = head.split("\n", 1)[0] ?? "";
  if (firstLine.split(",").length >= 5) return "comma-separated text (CSV); Proofline reads XML, JSON and JSON Lines";
  return "neither XML nor JSON";
}
