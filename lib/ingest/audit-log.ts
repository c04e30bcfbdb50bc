import type { Line } from "@/lib/ingest/bytes";
import { IngestRefusal } from "@/lib/core/http/refusal";
import { isObject, parseJson, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { CAPS, clip } from "@/lib/ingest/limits";
import { parseTime } from "@/lib/ingest/time";

// Audit logs as JSON Lines: every line becomes one AuditEvent (time, actor, action, target, outcome,
// source and the raw line). Fields are found by a per-project mapping (dotted paths) where one is set,
// else by recognising common shapes: CloudTrail records, Kubernetes audit events, HashiCorp Vault
// audit entries and plain {ts, actor, action, ...} application logs. A line that cannot be read is
// rejected (counted, with the reason) and the rest of the file still counts.

export const AUDIT_FIELDS = ["time", "actor", "action", "target", "outcome", "source"] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];
export type AuditFieldMapping = Partial<Record<AuditField, string>>;
type JsonShape = "cloudtrail" | "kubernetes" | "vault" | "plain";
/** How the events of a log were read: a JSON shape, the project's mapping, or a text log format (auditd.ts, pgaudit.ts). */
export type AuditShape = JsonShape | "mapped" | "auditd" | "auditd-enriched" | "pgaudit-csvlog" | "pgaudit-stderr";

export interface AuditEventRow {
  lineNo: number;
  occurredAt: Date;
  actor: string;
  action: string;
  target: string | null;
  outcome: string | null;
  source: string | null;
  raw: string;
}

type Extractor = Record<AuditField, (o: Record<string, JsonValue>) => unknown>;

const first = (o: unknown, paths: string[]) => {
  for (const p of paths) {
    const v = pick(o, p);
    if (v !== undefined && v !== null && v !== "") return v;
  }
  return undefined;
};

/** Objects used as an actor or target ({id, email}) read as their most telling field. */
function label(v: unknown): string | undefined {
  if (isObject(v))
    return text(first(v, ["email", "username", "name", "login", "id", "arn"])) ?? clip(JSON.stringify(v), 200);
  return text(v);
}

function k8sTarget(o: Record<string, JsonValue>): string | undefined {
  const ref = o.objectRef;
  if (!isObject(ref)) return text(o.requestURI);
  return (
    [text(ref.resource), text(ref.namespace), text(ref.name)].filter(Boolean).join("/") +
    (ref.subresource ? `/${text(ref.subresource)}` : "")
  );
}

const SHAPES: Record<JsonShape, Extractor> = {
  cloudtrail: {
    time: (o) => o.eventTime,
    actor: (o) =>
      first(o, [
        "userIdentity.arn",
        "userIdentity.userName",
        "userIdentity.principalId",
        "userIdentity.invokedBy",
        "userIdentity.type",
      ]),
    action: (o) => o.eventName,
    target: (o) =>
      first(o, [
        "resources.0.ARN",
        "requestParameters.bucketName",
        "requestParameters.roleName",
        "requestParameters.userName",
        "eventSource",
      ]),
    outcome: (o) =>
      o.errorCode
        ? `failure:${text(o.errorCode)}`
        : pick(o, "responseElements.ConsoleLogin") === "Failure"
          ? "failure"
          : "success",
    source: (o) => o.sourceIPAddress,
  },
  kubernetes: {
    time: (o) => first(o, ["stageTimestamp", "requestReceivedTimestamp"]),
    actor: (o) => pick(o, "user.username"),
    action: (o) => o.verb,
    target: k8sTarget,
    outcome: (o) => {
      const code = pick(o, "responseStatus.code");
      return typeof code === "number" ? (code < 400 ? "success" : `failure:${code}`) : undefined;
    },
    source: (o) => pick(o, "sourceIPs.0"),
  },
  vault: {
    time: (o) => o.time,
    actor: (o) => first(o, ["auth.display_name", "auth.entity_id", "auth.accessor"]),
    action: (o) => first(o, ["request.operation", "type"]),
    target: (o) => pick(o, "request.path"),
    outcome: (o) => (o.error ? "failure" : o.type === "response" ? "success" : "request"),
    source: (o) => pick(o, "request.remote_address"),
  },
  plain: {
    time: (o) => first(o, ["ts", "time", "timestamp", "@timestamp", "occurredAt", "occurred_at", "date", "datetime"]),
    actor: (o) => first(o, ["actor", "user", "userId", "user_id", "username", "principal", "subject"]),
    action: (o) => first(o, ["action", "event", "eventName", "event_type", "operation", "type", "msg"]),
    target: (o) => first(o, ["target", "resource", "object", "entity", "path"]),
    outcome: (o) => first(o, ["outcome", "result", "status", "success"]),
    source: (o) => first(o, ["source", "ip", "sourceIp", "source_ip", "remoteAddr", "remote_addr", "client"]),
  },
};

export function recogniseShape(o: Record<string, JsonValue>): JsonShape {
  if ("eventTime" in o && "eventName" in o) return "cloudtrail";
  if (typeof o.apiVersion === "string" && o.apiVersion.startsWith("audit.k8s.io/")) return "kubernetes";
  if ((o.type === "request" || o.type === "response") && isObject(o.request)) return "vault";
  return "plain";
}

const OUTCOME_WORDS = new Map<string, string>([
  ...["ok", "success", "succeeded", "allowed", "allow", "permit", "passed"].map((w) => [w, "success"] as const),
  ...["fail", "failed", "failure", "error", "errored"].map((w) => [w, "failure"] as const),
  ...["deny", "denied", "forbidden", "unauthorized", "rejected"].map((w) => [w, "denied"] as const),
]);

function normaliseOutcome(v: unknown): string | null {
  if (v === true) return "success";
  if (v === false) return "failure";
  const s = text(v)?.trim().toLowerCase();
  if (!s) return null;
  return OUTCOME_WORDS.get(s) ?? clip(s, 100) ?? null;
}

const stripNul = (s: string) => (s.includes("\u0000") ? s.replace(/\u0000/g, "") : s);
const clean = (s: string | undefined, max: number) =>
  s === undefined ? undefined : (clip(stripNul(s), max) ?? undefined);

export type MappedLine = { ok: true; row: AuditEventRow; shape: AuditShape } | { ok: false; reason: string };

/** Reads one line into an event, or says why it cannot be read. */
export function mapAuditLine(line: Line, mapping: AuditFieldMapping | null): MappedLine {
  let value: JsonValue;
  try {
    value = parseJson(line.text, `Line ${line.lineNo}`);
  } catch (err) {
    return { ok: false, reason: err instanceof IngestRefusal ? `not JSON (${err.reason})` : "not JSON" };
  }
  if (!isObject(value)) return { ok: false, reason: "not a JSON object" };
  const shape = recogniseShape(value);
  const get = (field: AuditField) =>
    mapping?.[field] ? pick(value, mapping[field]!) : SHAPES[shape][field](value as Record<string, JsonValue>);
  const rawTime = get("time");
  if (rawTime === undefined || rawTime === null)
    return { ok: false, reason: mapping?.time ? `no time at "${mapping.time}"` : "no time field" };
  const occurredAt = parseTime(rawTime);
  if (!occurredAt) return { ok: false, reason: "time not readable" };
  const action = clean(label(get("action")), 300);
  if (!action) return { ok: false, reason: mapping?.action ? `no action at "${mapping.action}"` : "no action field" };
  return {
    ok: true,
    shape: mapping && Object.keys(mapping).length ? "mapped" : shape,
    row: {
      lineNo: line.lineNo,
      occurredAt,
      actor: clean(label(get("actor")), 500) ?? "(unknown)",
      action,
      target: clean(label(get("target")), 1000) ?? null,
      outcome: normaliseOutcome(get("outcome")),
      source: clean(label(get("source")), 300) ?? null,
      raw: stripNul(line.text),
    },
  };
}

const MAX_DISTINCT = 500;

/** Running totals over a batch, turned into the batch evidence's summary at the end. */
export class AuditLogStats {
  lines = 0;
  blank = 0;
  /** Entries of a server log that are not audit entries (a PostgreSQL log's own messages). */
  other = 0;
  accepted = 0;
  rejected = 0;
  first?: Date;
  last?: Date;
  readonly byAction = new Map<string, number>();
  readonly byOutcome = new Map<string, number>();
  readonly byShape = new Map<string, number>();
  readonly rejectedSamples: Array<{ line: number; reason: string }> = [];
  readonly rejectedReasons = new Map<string, number>();

  add(result: MappedLine, lineNo: number): void {
    if (!result.ok) {
      this.rejected++;
      this.rejectedReasons.set(result.reason, (this.rejectedReasons.get(result.reason) ?? 0) + 1);
      if (this.rejectedSamples.length < CAPS.rejectedLines)
        this.rejectedSamples.push({ line: lineNo, reason: result.reason });
      return;
    }
    const { row } = result;
    this.accepted++;
    if (!this.first || row.occurredAt < this.first) this.first = row.occurredAt;
    if (!this.last || row.occurredAt > this.last) this.last = row.occurredAt;
    bump(this.byAction, row.action);
    bump(this.byOutcome, row.outcome ?? "(none)");
    bump(this.byShape, result.shape);
  }

  summary(): Record<string, unknown> {
    const list = (m: Map<string, number>, n = 50) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([key, count]) => ({ key, count }));
    return {
      lines: this.lines,
      blankLines: this.blank,
      ...(this.other ? { otherLines: this.other } : {}),
      events: this.accepted,
      rejected: this.rejected,
      firstAt: this.first?.toISOString() ?? null,
      lastAt: this.last?.toISOString() ?? null,
      byAction: list(this.byAction),
      distinctActions: this.byAction.size,
      byOutcome: list(this.byOutcome),
      shapes: list(this.byShape),
      rejectedReasons: list(this.rejectedReasons, 20),
      rejectedSamples: this.rejectedSamples,
    };
  }
}

function bump(m: Map<string, number>, key: string) {
  if (m.has(key) || m.size < MAX_DISTINCT) m.set(key, (m.get(key) ?? 0) + 1);
  else m.set("(other)", (m.get("(other)") ?? 0) + 1);
}

/** Yields the readable lines of a JSON Lines body as events, keeping totals in `stats`. */
export async function* auditEvents(
  lines: AsyncIterable<Line>,
  mapping: AuditFieldMapping | null,
  stats: AuditLogStats,
): AsyncGenerator<AuditEventRow> {
  for await (const line of lines) {
    stats.lines++;
    if (!line.text.trim()) {
      stats.blank++;
      continue;
    }
    const result = mapAuditLine(line, mapping);
    stats.add(result, line.lineNo);
    if (result.ok) yield result.row;
  }
}

/** Whether a parsed first line looks like an audit event (used when sniffing). */
export function looksLikeAuditEvent(obj: unknown, mapping: AuditFieldMapping | null): boolean {
  if (!isObject(obj)) return false;
  const r = mapAuditLine(
    { lineNo: 1, text: JSON.stringify(obj, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) },
    mapping,
  );
  return r.ok;
}

/** The batch evidence for an audit log, once every line has been read. */
export function auditLogOutcome(stats: AuditLogStats): {
  outcome: "PASS" | "WARN";
  outcomeReason: string;
  title: string;
} {
  const minute = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
  const span = stats.first && stats.last ? `, ${minute(stats.first)} to ${minute(stats.last)} UTC` : "";
  return {
    outcome: stats.rejected ? "WARN" : "PASS",
    outcomeReason: stats.rejected
      ? `${stats.rejected} of ${stats.accepted + stats.rejected} line(s) could not be read as audit events and were left out.`
      : `All ${stats.accepted} ${stats.byShape.has("auditd") || stats.byShape.has("auditd-enriched") || stats.other ? "event(s)" : "line(s)"} were kept as audit events.`,
    title: `Audit log: ${stats.accepted} event(s)${span}`,
  };
}
