import { readDocument, readLines, type ByteSource, type Line } from "@/lib/ingest/bytes";
import { parseJson, type JsonValue } from "@/lib/ingest/exact-json";
import { FORMATS, type FormatId } from "@/lib/ingest/formats";
import { formatBytes, type IngestLimits } from "@/lib/ingest/limits";
import { refuse } from "@/lib/core/http/refusal";
import {
  describeText,
  detectJsonDocument,
  detectJsonLines,
  detectText,
  sniffContainer,
  type Detection,
} from "@/lib/ingest/sniff";
import { parseJunit } from "@/lib/ingest/junit";
import { parseSarif } from "@/lib/ingest/sarif";
import { parseNpmAudit } from "@/lib/ingest/npm-audit";
import { parseYarnAudit } from "@/lib/ingest/yarn-audit";
import { parsePipAudit } from "@/lib/ingest/pip-audit";
import { parseCycloneDx, parseSpdx } from "@/lib/ingest/sbom";
import { parseTrivy } from "@/lib/ingest/trivy";
import { parseGrype } from "@/lib/ingest/grype";
import { parseOsvScanner } from "@/lib/ingest/osv-scanner";
import { parseGitleaks } from "@/lib/ingest/gitleaks";
import { parseBandit } from "@/lib/ingest/bandit";
import { parseDrill } from "@/lib/ingest/drill";
import { parsePgBackRest, parseResticForget, parseResticMessages, parseResticSnapshots } from "@/lib/ingest/backups";
import { auditEvents, type AuditEventRow, type AuditFieldMapping, type AuditLogStats } from "@/lib/ingest/audit-log";
import { parsePgBackRestLog, parsePostgresRecovery, parseResticCheck } from "@/lib/ingest/backup-logs";
import { auditdEvents } from "@/lib/ingest/auditd";
import { pgauditEvents, pgauditForm } from "@/lib/ingest/pgaudit";
import {
  cloudTrailEvents,
  looksLikeCloudTrailDigest,
  looksLikeCloudTrailFile,
  CLOUDTRAIL_DIGEST_MESSAGE,
} from "@/lib/ingest/cloudtrail";
import { gunzip, isGzip } from "@/lib/ingest/gzip";
import type { ParsedEvidence } from "@/lib/ingest/types";

// The one entry point from bytes to evidence: checks size, finds (or checks) the format, and runs
// its parser. Bodies are re-opened as needed (they are spooled to a file first), so sniffing never
// holds more than the first megabyte. Audit logs are not parsed here: the caller streams their
// events into the database inside its transaction.

export interface BodyFile {
  size: number;
  open(): ByteSource;
}

export interface ParseRequest {
  body: BodyFile;
  /** The format the sender named (?format=); checked against the content, never trusted blindly. */
  named?: FormatId;
  limits: IngestLimits;
  auditMapping: AuditFieldMapping | null;
}

export type ParsePlan =
  | { type: "evidence"; parsed: ParsedEvidence; detected: boolean }
  | {
      type: "audit-log";
      format: AuditFormat;
      detected: boolean;
      events(stats: AuditLogStats): AsyncGenerator<AuditEventRow>;
    }
  | { type: "manual" };

/** Formats whose events go to the audit-event table. */
export type AuditFormat = "audit-log" | "auditd" | "pgaudit" | "cloudtrail";

const CONTAINER_FORMATS: Record<"xml" | "json" | "jsonl" | "text", FormatId[]> = {
  xml: ["junit"],
  text: ["auditd", "pgaudit", "pgbackrest-log", "restic-check", "postgres-recovery"],
  json: [
    "cloudtrail",
    "restic-forget",
    "sarif",
    "cyclonedx",
    "spdx",
    "npm-audit",
    "pip-audit",
    "trivy",
    "grype",
    "osv-scanner",
    "gitleaks",
    "bandit",
    "drill",
    "restic",
    "pgbackrest",
    "audit-log",
  ],
  jsonl: ["audit-log", "yarn-audit", "restic"],
};
const CONTAINER_LABEL = { xml: "XML", json: "one JSON document", jsonl: "JSON Lines", text: "plain text" };

async function readHead(source: ByteSource, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    size += chunk.byteLength;
    if (size >= max) break;
  }
  return Buffer.concat(chunks).subarray(0, max);
}

function resolve(named: FormatId | undefined, det: Detection, container: "xml" | "json" | "jsonl" | "text"): FormatId {
  if (named) {
    if (det.format && det.format !== named) {
      refuse(
        "format-mismatch",
        `You named the format "${named}", but the body is ${FORMATS[det.format].label} ("${det.format}"). Send it without ?format= or name the right one.`,
      );
    }
    if (!CONTAINER_FORMATS[container].includes(named)) {
      refuse(
        "format-mismatch",
        `You named the format "${named}", but the body is ${CONTAINER_LABEL[container]}, which "${named}" never is.`,
      );
    }
    return named;
  }
  if (det.format) return det.format;
  return refuse(
    det.reason === "unsupported" ? "unsupported-format" : "unknown-format",
    `Proofline could not tell the format: the body is ${det.saw}. Name the format with ?format= (see /api/v1/openapi.json for the list).`,
  );
}

export async function planParse(req: ParseRequest): Promise<ParsePlan> {
  const { body, named, limits } = req;
  if (body.size === 0) refuse("empty-body", "The body is empty: send the file's bytes.");
  if (body.size > limits.maxBodyBytes)
    refuse(
      "body-too-large",
      `The body is ${formatBytes(body.size)}; the limit is ${formatBytes(limits.maxBodyBytes)}.`,
    );
  if (named === "manual" || named === "vendor-report") return { type: "manual" };
  if (named && !FORMATS[named].pushable)
    refuse(
      "unsupported-format",
      `Evidence of format "${named}" arrives through its own endpoint, not as a pushed file.`,
    );

  // A body that is a gzip file (sent without Content-Encoding) is kept as sent and read decompressed.
  const gzipped = isGzip(await readHead(body.open(), 3));
  const src: BodyFile = gzipped ? { size: body.size, open: () => gunzip(body.open(), limits.maxBodyBytes * 16) } : body;
  req = { ...req, body: src };
  const headMax = limits.maxLineBytes + 2;
  const head = await readHead(src.open(), headMax);
  const container = sniffContainer(head, gzipped ? head.byteLength < headMax : head.byteLength >= body.size);
  const detected = !named;
  switch (container) {
    case "empty":
      return refuse("empty-body", "The body holds only whitespace.");
    case "text": {
      const headText = head.subarray(0, 64 * 1024).toString("utf8");
      const det = detectText(headText);
      if (det.format || (named && CONTAINER_FORMATS.text.includes(named)))
        return textPlan(resolve(named, det, "text"), req, detected, headText);
      const saw = describeText(head.subarray(0, 4096).toString("utf8"));
      return refuse(
        named ? "format-mismatch" : "unknown-format",
        named
          ? `You named the format "${named}", but the body is ${saw}.`
          : `Proofline could not tell the format: the body is ${saw}.`,
      );
    }
    case "xml":
      resolve(named, { format: "junit" }, "xml");
      return { type: "evidence", detected, parsed: await parseJunit(src.open()) };
    case "json": {
      // CloudTrail files are streamed record by record, whatever their size (a small file whose Records
      // member is not first is read as a document below, where a digest file is recognised).
      if (
        looksLikeCloudTrailFile(head.subarray(0, 256).toString("utf8")) ||
        (named === "cloudtrail" && body.size > limits.maxJsonDocumentBytes)
      ) {
        resolve(named, { format: "cloudtrail" }, "json");
        return auditPlan(req, detected, "cloudtrail");
      }
      if (body.size > limits.maxJsonDocumentBytes && named !== "audit-log") {
        refuse(
          "document-too-large",
          `JSON documents may be at most ${formatBytes(limits.maxJsonDocumentBytes)}; this body is ${formatBytes(body.size)}. Large data must be JSON Lines.`,
        );
      }
      const text = await readDocument(src.open(), limits.maxJsonDocumentBytes);
      refuseLongFirstLine(text, limits.maxLineBytes);
      const doc = parseJson(text);
      if (looksLikeCloudTrailDigest(doc)) refuse("unsupported-format", `This is ${CLOUDTRAIL_DIGEST_MESSAGE}.`);
      const format = resolve(named, detectJsonDocument(doc, req.auditMapping), "json");
      if (format === "audit-log" || format === "cloudtrail") return auditPlan(req, detected, format);
      return { type: "evidence", detected, parsed: await parseDocument(format, doc) };
    }
    case "jsonl": {
      const first = await firstValue(readLines(src.open(), limits.maxLineBytes));
      const format = resolve(named, detectJsonLines(first, req.auditMapping), "jsonl");
      if (format === "audit-log") return auditPlan(req, detected, "audit-log");
      const lines = readLines(src.open(), limits.maxLineBytes);
      const parsed = format === "yarn-audit" ? await parseYarnAudit(lines) : await parseResticMessages(values(lines));
      return { type: "evidence", detected, parsed };
    }
  }
}

async function parseDocument(format: FormatId, doc: JsonValue): Promise<ParsedEvidence> {
  switch (format) {
    case "sarif":
      return parseSarif(doc);
    case "cyclonedx":
      return parseCycloneDx(doc);
    case "spdx":
      return parseSpdx(doc);
    case "npm-audit":
      return parseNpmAudit(doc);
    case "pip-audit":
      return parsePipAudit(doc);
    case "trivy":
      return parseTrivy(doc);
    case "grype":
      return parseGrype(doc);
    case "osv-scanner":
      return parseOsvScanner(doc);
    case "gitleaks":
      return parseGitleaks(doc);
    case "bandit":
      return parseBandit(doc);
    case "restic-forget":
      return parseResticForget(doc);
    case "drill":
      return parseDrill(doc);
    case "pgbackrest":
      return parsePgBackRest(doc);
    case "restic":
      return Array.isArray(doc) ? parseResticSnapshots(doc) : parseResticMessages(values(one(doc)));
    default:
      return refuse("unsupported-format", `"${format}" is not read from a JSON document.`);
  }
}

function auditPlan(req: ParseRequest, detected: boolean, format: AuditFormat, headText = ""): ParsePlan {
  const lines = () => readLines(req.body.open(), req.limits.maxLineBytes);
  const events = (stats: AuditLogStats): AsyncGenerator<AuditEventRow> => {
    switch (format) {
      case "auditd":
        return auditdEvents(lines(), stats);
      case "pgaudit":
        return pgauditEvents(lines(), pgauditForm(headText), stats);
      case "cloudtrail":
        return cloudTrailEvents(req.body.open(), req.limits.maxLineBytes, req.auditMapping, stats);
      default:
        return auditEvents(lines(), req.auditMapping, stats);
    }
  };
  return { type: "audit-log", format, detected, events };
}

/** Text output of a tool: an audit log (streamed later) or a backup tool's log (parsed now). */
async function textPlan(format: FormatId, req: ParseRequest, detected: boolean, headText: string): Promise<ParsePlan> {
  const lines = () => readLines(req.body.open(), req.limits.maxLineBytes);
  switch (format) {
    case "auditd":
    case "pgaudit":
      return auditPlan(req, detected, format, headText);
    case "pgbackrest-log":
      return { type: "evidence", detected, parsed: await parsePgBackRestLog(lines()) };
    case "restic-check":
      return { type: "evidence", detected, parsed: await parseResticCheck(lines()) };
    case "postgres-recovery":
      return { type: "evidence", detected, parsed: await parsePostgresRecovery(lines()) };
    default:
      return refuse("unsupported-format", `"${format}" is not read from plain text.`);
  }
}

async function firstValue(lines: AsyncIterable<Line>): Promise<JsonValue> {
  for await (const line of lines) {
    if (line.text.trim()) return parseJson(line.text, `Line ${line.lineNo}`);
  }
  return refuse("empty-body", "The body holds only blank lines.");
}

async function* values(lines: AsyncIterable<Line>): AsyncGenerator<{ lineNo: number; value: JsonValue }> {
  for await (const line of lines)
    if (line.text.trim()) yield { lineNo: line.lineNo, value: parseJson(line.text, `Line ${line.lineNo}`) };
}

async function* one(doc: JsonValue): AsyncGenerator<Line> {
  yield { lineNo: 1, text: JSON.stringify(doc, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) };
}

/** JSON Lines whose first line is over the line limit look like one document to the sniffer. */
function refuseLongFirstLine(text: string, maxLineBytes: number): void {
  const nl = text.indexOf("\n");
  if (nl <= maxLineBytes || !text.slice(nl).trim()) return;
  try {
    JSON.parse(text.slice(0, nl));
  } catch {
    return; // not a complete value on its own: a document after all
  }
  refuse(
    "line-too-long",
    `Line 1 is longer than ${formatBytes(maxLineBytes)}. Each line must be one record of at most that size.`,
  );
}
