import type { Line } from "@/lib/ingest/bytes";
import { refuse } from "@/lib/core/http/refusal";
import { clip } from "@/lib/ingest/limits";
import type { AuditEventRow, AuditLogStats } from "@/lib/ingest/audit-log";

// Linux auditd logs (/var/log/audit/audit.log), raw and log_format=ENRICHED. One event is every record
// that shares a `msg=audit(<seconds>.<ms>:<serial>)` stamp (SYSCALL + EXECVE + CWD + PATH + PROCTITLE,
// or one USER_* record); it ends at its EOE record, or when the file ends. ENRICHED lines carry, after
// a 0x1D separator, the names auditd resolved (AUID="alice", SYSCALL=execve). Untrusted strings
// (exe, comm, proctitle, acct, …) are written hex-encoded when they hold spaces or quotes; they are
// decoded. A line that is not an auditd record refuses the whole file, naming the line.

const RECORD = /^(?:node=(\S+) )?type=([A-Z0-9_]+) msg=audit\((\d{1,12})\.(\d{1,6}):(\d{1,20})\):\s?/;
const ENRICHED_SEPARATOR = "\u001d";
const UNSET_ID = new Set(["4294967295", "-1", "unset"]);
/** Record types that only add detail to an event whose main record is another one. */
const AUXILIARY = new Set([
  "EXECVE",
  "CWD",
  "PATH",
  "PROCTITLE",
  "EOE",
  "SOCKADDR",
  "OBJ_PID",
  "BPRM_FCAPS",
  "CAPSET",
  "MMAP",
  "FD_PAIR",
  "NETFILTER_CFG",
  "SECCOMP",
]);
const HEX_FIELDS = new Set([
  "exe",
  "comm",
  "proctitle",
  "acct",
  "cmd",
  "name",
  "cwd",
  "key",
  "data",
  "hostname",
  "terminal",
  "op",
]);
/** Events kept open at once while waiting for their EOE (auditd writes an event's records together). */
const MAX_OPEN = 1024;

/** Whether the start of a body is auditd output (raw or enriched). */
export function looksLikeAuditd(head: string): boolean {
  const first = head.split("\n", 3).find((l) => l.trim());
  return first !== undefined && RECORD.test(first);
}

/** `key=value key="quoted value" msg='nested ...'` into a map; the first occurrence of a key wins. */
export function auditdFields(text: string, into = new Map<string, string>()): Map<string, string> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text.charCodeAt(i) === 0x20) i++;
    const eq = text.indexOf("=", i);
    if (eq < 0) break;
    const space = text.indexOf(" ", i);
    if (space >= 0 && space < eq) {
      i = space + 1; // a word without a value
      continue;
    }
    const key = text.slice(i, eq);
    let j = eq + 1;
    const q = text[j];
    let value: string;
    if (q === '"' || q === "'") {
      const close = text.indexOf(q, j + 1);
      const end = close < 0 ? n : close;
      value = text.slice(j + 1, end);
      j = end + 1;
      if (q === "'") auditdFields(value, into); // msg='op=login acct="bob" res=success'
    } else {
      const end = text.indexOf(" ", j);
      value = text.slice(j, end < 0 ? n : end);
      j = end < 0 ? n : end;
      if (HEX_FIELDS.has(key)) value = unhex(value);
    }
    if (!into.has(key)) into.set(key, value);
    i = j;
  }
  return into;
}

/** auditd's encoding of untrusted strings: upper-case hex of the bytes, NULs between arguments. */
function unhex(value: string): string {
  if (value.length < 2 || value.length % 2 || !/^[0-9A-F]+$/.test(value)) return value;
  return Buffer.from(value, "hex")
    .toString("utf8")
    .replace(/\u0000/g, " ")
    .trimEnd();
}

interface OpenEvent {
  lineNo: number;
  stamp: string;
  occurredAt: Date;
  node: string | null;
  main: string | null;
  types: string[];
  fields: Map<string, string>;
  enriched: Map<string, string>;
  pathName: string | null;
  raw: string[];
  rawBytes: number;
}

function toRow(e: OpenEvent): AuditEventRow {
  const f = (k: string) => e.fields.get(k);
  const enrichedAuid = e.enriched.get("AUID");
  const auid = f("auid");
  const uid = f("uid");
  const named = (enrichedName: string | undefined, field: string, id: string) =>
    enrichedName && !UNSET_ID.has(enrichedName) ? `${enrichedName} (${field}=${id})` : `${field}=${id}`;
  const actor =
    auid && !UNSET_ID.has(auid)
      ? named(enrichedAuid, "auid", auid)
      : uid
        ? named(e.enriched.get("UID"), "uid", uid)
        : "(unknown)";
  const type = e.main ?? e.types[0];
  const syscall = e.enriched.get("SYSCALL") ?? (f("syscall") ? `syscall=${f("syscall")}` : undefined);
  const op = type.startsWith("USER_") || type.startsWith("CRED_") ? f("op") : undefined;
  const exe = f("exe");
  const action = [type, syscall, op, exe].filter(Boolean).join(" ");
  const success = f("success");
  const res = f("res") ?? f("result");
  const outcome =
    success === "yes"
      ? "success"
      : success === "no"
        ? "failure"
        : res
          ? /^(success|1|yes)$/.test(res)
            ? "success"
            : "failure"
          : null;
  const addr = f("addr");
  const source =
    addr && addr !== "?"
      ? addr
      : ((f("hostname") && f("hostname") !== "?" ? f("hostname")! : null) ?? f("terminal") ?? f("tty") ?? null);
  const key = f("key");
  const target =
    e.pathName ?? (f("acct") ? `acct=${f("acct")}` : null) ?? (key && key !== "(null)" ? `key=${key}` : null);
  return {
    lineNo: e.lineNo,
    occurredAt: e.occurredAt,
    actor: clip(actor, 500)!,
    action: clip(action, 300)!,
    target: clip(target ?? undefined, 1000) ?? null,
    outcome,
    source: clip(source ?? undefined, 300) ?? null,
    raw: e.raw.join("\n"),
  };
}

/**
 * Yields one event per audit stamp, keeping totals in `stats`. Kernel events (with a SYSCALL record)
 * are emitted when their EOE record arrives; others when the next event starts; any still open when
 * more than MAX_OPEN wait (the oldest first), and at the end.
 */
export async function* auditdEvents(lines: AsyncIterable<Line>, stats: AuditLogStats): AsyncGenerator<AuditEventRow> {
  const open = new Map<string, OpenEvent>();
  let enrichedSeen = false;
  const done = (e: OpenEvent) => {
    open.delete(e.stamp);
    const row = toRow(e);
    stats.add({ ok: true, row, shape: enrichedSeen ? "auditd-enriched" : "auditd" }, e.lineNo);
    return row;
  };
  for await (const line of lines) {
    stats.lines++;
    if (!line.text.trim()) {
      stats.blank++;
      continue;
    }
    const m = RECORD.exec(line.text);
    if (!m) {
      refuse(
        "invalid-content",
        `Line ${line.lineNo} is not an auditd record: it does not start with "type=<TYPE> msg=audit(<seconds>.<ms>:<serial>):" (${JSON.stringify(clip(line.text, 80))}).`,
      );
    }
    const [whole, node, type, secs, frac, serial] = m;
    const stamp = `${node ?? ""}|${secs}.${frac}:${serial}`;
    let e = open.get(stamp);
    if (!e) {
      // A new event: the open ones without a SYSCALL record (one-record user-space events) are complete.
      for (const o of open.values()) if (!o.types.includes("SYSCALL")) yield done(o);
      e = {
        lineNo: line.lineNo,
        stamp,
        occurredAt: new Date(Number(secs) * 1000 + Math.floor(Number(`0.${frac}`) * 1000)),
        node: node ?? null,
        main: null,
        types: [],
        fields: new Map(),
        enriched: new Map(),
        pathName: null,
        raw: [],
        rawBytes: 0,
      };
      open.set(stamp, e);
    }
    if (type === "EOE") {
      yield done(e);
      continue;
    }
    const rest = line.text.slice(whole.length);
    const sep = rest.indexOf(ENRICHED_SEPARATOR);
    const body = sep < 0 ? rest : rest.slice(0, sep);
    if (sep >= 0) {
      enrichedSeen = true;
      auditdFields(rest.slice(sep + 1), e.enriched);
    }
    if (e.types.length < 50) e.types.push(type);
    if (!AUXILIARY.has(type)) {
      if (!e.main) e.main = type;
      auditdFields(body, e.fields);
    } else if (type === "PATH" && !e.pathName) {
      const name = auditdFields(body).get("name");
      if (name && name !== "(null)") e.pathName = name;
    }
    if (e.rawBytes < 16 * 1024) {
      e.raw.push(line.text);
      e.rawBytes += line.text.length;
    }
    if (open.size > MAX_OPEN) yield done(open.values().next().value!);
  }
  for (const e of [...open.values()]) yield done(e);
}
