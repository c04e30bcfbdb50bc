import type { Line } from "@/lib/ingest/bytes";
import { refuse } from "@/lib/core/http/refusal";
import { CAPS, clip } from "@/lib/ingest/limits";
import { logStamp } from "@/lib/ingest/pgaudit";
import type { ParsedEvidence } from "@/lib/ingest/types";

// Backup and restore tools' console output, judged from what the text says (never from an exit code
// someone reports): pgBackRest `backup` / `restore` logs, `restic check` and the PostgreSQL log of a
// restored copy. A log that stops before the tool's verdict is refused as cut off.

// --- pgBackRest ------------------------------------------------------------------------------------

// [2026-01-20 02:00:01.123 ]P00   INFO: message
const PGBR_LINE =
  /^(?:(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) )?P\d{2}\s+(INFO|WARN|ERROR|ASSERT|DETAIL|DEBUG|TRACE): (.*)$/;
const PGBR_BEGIN = /^(backup|restore) command begin ([\d.]+(?:dev)?): (.*)$/;
const PGBR_END =
  /^(backup|restore) command end: (completed successfully|aborted with exception \[(\d{3})\])(?: \((\d+)ms\))?/;

export function looksLikePgBackRestLog(head: string): boolean {
  return /P\d{2}\s+INFO: (?:backup|restore) command begin /.test(head);
}

/** Sizes as pgBackRest prints them ("1.2GB", "512KB", "37B") in bytes. */
export function sizeBytes(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(B|KB|MB|GB|TB|PB)$/.exec(s);
  if (!m) return null;
  return Math.round(Number(m[1]) * 1024 ** ["B", "KB", "MB", "GB", "TB", "PB"].indexOf(m[2]));
}

const option = (opts: string, name: string) =>
  new RegExp(`(?:^| )--${name}=("[^"]*"|\\S+)`).exec(opts)?.[1]?.replace(/^"|"$/g, "") ?? null;
const utc = (stamp: string | undefined) => (stamp ? new Date(`${stamp.replace(" ", "T")}Z`) : undefined);

export async function parsePgBackRestLog(lines: AsyncIterable<Line>): Promise<ParsedEvidence> {
  let operation: "backup" | "restore" | null = null;
  let version: string | null = null;
  let options = "";
  let begin: Date | undefined;
  let end: Date | undefined;
  let lastStamp: Date | undefined;
  let endLine: { ok: boolean; code: string | null; ms: number | null } | null = null;
  let label: string | null = null;
  let size: string | null = null;
  let fileTotal: number | null = null;
  let backupSet: string | null = null;
  const errors: Array<{ code: string; message: string }> = [];
  const warnings: string[] = [];
  for await (const line of lines) {
    const m = PGBR_LINE.exec(line.text);
    if (!m) {
      // Continuation lines (HINT, stack traces) are indented; anything else is not pgBackRest output.
      if (line.text.trim() && !/^\s/.test(line.text))
        refuse(
          "invalid-content",
          `Line ${line.lineNo} is not pgBackRest console output (${JSON.stringify(clip(line.text, 80))}).`,
        );
      if (line.text.trim() && errors.length)
        errors[errors.length - 1].message = clip(
          `${errors[errors.length - 1].message} ${line.text.trim()}`,
          CAPS.message,
        )!;
      continue;
    }
    const [, stamp, level, message] = m;
    const at = utc(stamp);
    lastStamp = at ?? lastStamp;
    const b = PGBR_BEGIN.exec(message);
    if (b) {
      if (operation && operation !== b[1])
        refuse(
          "invalid-content",
          `Line ${line.lineNo} begins a ${b[1]} in a ${operation} log: push one command's log per file.`,
        );
      operation = b[1] as "backup" | "restore";
      version = b[2];
      options = b[3];
      begin ??= at;
      continue;
    }
    const e = PGBR_END.exec(message);
    if (e && e[1] === operation) {
      endLine = { ok: e[2] === "completed successfully", code: e[3] ?? null, ms: e[4] ? Number(e[4]) : null };
      end = at;
      continue;
    }
    if (level === "ERROR" || level === "ASSERT") {
      const code = /^\[(\d{3})\]: ?(.*)$/.exec(message);
      if (errors.length < CAPS.listItems)
        errors.push({ code: code?.[1] ?? "?", message: clip(code?.[2] ?? message, CAPS.message)! });
      continue;
    }
    if (level === "WARN" && warnings.length < CAPS.listItems) warnings.push(clip(message, CAPS.message)!);
    label = /^new backup label = (\S+)/.exec(message)?.[1] ?? label;
    backupSet = /restore backup set (\S+?),?(?: |$)/.exec(message)?.[1] ?? backupSet;
    const s = /^(?:(full|diff|incr) backup|restore) size = ([\d.]+[KMGTP]?B)(?:, file total = (\d+))?/.exec(message);
    if (s) {
      size = s[2];
      fileTotal = s[3] ? Number(s[3]) : fileTotal;
    }
  }
  if (!operation)
    refuse("invalid-content", 'This pgBackRest log has no "backup command begin" or "restore command begin" line.');
  if (!endLine && !errors.length) {
    refuse(
      "truncated",
      `The pgBackRest ${operation} log has no "${operation} command end" line and no error: it is cut off before pgBackRest's verdict. Push the whole log.`,
    );
  }
  const type =
    option(options, "type") ??
    (label ? (({ F: "full", D: "diff", I: "incr" } as Record<string, string>)[label.slice(-1)] ?? null) : null);
  const durationMs =
    endLine?.ms ?? (begin && (end ?? lastStamp) ? (end ?? lastStamp)!.getTime() - begin.getTime() : null);
  const failed = errors.length > 0 || !endLine?.ok;
  const code = errors[0]?.code ?? endLine?.code ?? null;
  const outcome = failed ? "FAIL" : warnings.length ? "WARN" : "PASS";
  const target = operation === "restore" ? option(options, "pg1-path") : null;
  const what =
    operation === "backup"
      ? `backup${label ? ` ${label}` : ""}${type ? ` (${type})` : ""}`
      : `restore${target ? ` to ${target}` : ""}`;
  return {
    kind: operation === "backup" ? "BACKUP" : "RESTORE_DRILL",
    format: "pgbackrest-log",
    title: `pgBackRest ${what}: ${failed ? `failed${code ? ` [${code}]` : ""}` : "completed"}`,
    outcome,
    outcomeReason: failed
      ? `pgBackRest reported ERROR [${code ?? "?"}]${errors[0] ? `: ${errors[0].message}` : ""}.`
      : warnings.length
        ? `The ${operation} completed with ${warnings.length} warning(s).`
        : `The ${operation} completed successfully.`,
    subject: option(options, "stanza") ?? undefined,
    effectiveAt: end ?? lastStamp,
    periodStart: begin,
    periodEnd: end ?? lastStamp,
    summary: {
      tool: "pgBackRest",
      version,
      operation,
      stanza: option(options, "stanza"),
      label,
      type,
      backupSet,
      targetPath: target,
      size,
      sizeBytes: size ? sizeBytes(size) : null,
      fileTotal,
      durationSeconds: durationMs === null ? null : Math.round(durationMs / 100) / 10,
      errorCode: failed ? code : null,
      errors,
      warnings,
    },
  };
}

// --- restic check ---------------------------------------------------------------------------------

const RESTIC_FAIL = [
  /^Fatal: (.*)$/,
  /ciphertext verification failed/,
  /Pack ID does not match/,
  /^pack [0-9a-f]+: (?:not referenced in any index|contains \d+ error|does not exist)/,
  /^error for tree [0-9a-f]+/,
  /not found in index/,
  /^error: /,
];

export function looksLikeResticCheck(head: string): boolean {
  return (
    /^check (?:all packs|snapshots, trees and blobs)$/m.test(head) &&
    /^(?:using temporary cache in |create exclusive lock for repository|load indexes)/m.test(head)
  );
}

export async function parseResticCheck(lines: AsyncIterable<Line>): Promise<ParsedEvidence> {
  let clean = false;
  let fatal: string | null = null;
  let readData: string | null = null;
  let checkedStart = false;
  let snapshots: number | null = null;
  let packs: number | null = null;
  const problems: string[] = [];
  let problemCount = 0;
  for await (const { text } of lines) {
    const t = text.trim();
    if (!t) continue;
    if (/^check (?:all packs|snapshots, trees and blobs)$/.test(t)) checkedStart = true;
    if (t === "no errors were found") clean = true;
    const rd = /^read (all data|\d+\/\d+ data subset|[\d.]+% data subset|data .*)$/.exec(t);
    if (rd) readData = rd[1];
    const progress = /\s(\d+) \/ \d+ (snapshots|packs)/.exec(t);
    if (progress?.[2] === "snapshots") snapshots = Number(progress[1]);
    else if (progress) packs = Number(progress[1]);
    const f = /^Fatal: (.*)$/.exec(t);
    if (f) fatal = clip(f[1], CAPS.message)!;
    else if (RESTIC_FAIL.some((r) => r.test(t))) {
      problemCount++;
      if (problems.length < CAPS.listItems) problems.push(clip(t, CAPS.message)!);
    }
  }
  if (!checkedStart)
    refuse(
      "invalid-content",
      'This is not `restic check` output: it has no "check all packs" or "check snapshots, trees and blobs" step.',
    );
  if (!clean && !fatal && !problemCount) {
    refuse(
      "truncated",
      'The `restic check` output ends before restic\'s verdict (neither "no errors were found" nor an error): it is cut off. Push the whole output.',
    );
  }
  const failed = fatal !== null || problemCount > 0;
  return {
    kind: "BACKUP",
    format: "restic-check",
    title: `restic check${readData ? " --read-data" : ""}: ${failed ? "repository has errors" : "no errors"}`,
    outcome: failed ? "FAIL" : "PASS",
    outcomeReason: failed
      ? `restic found errors in the repository${fatal ? ` ("Fatal: ${fatal}")` : ""}${problemCount ? `; ${problemCount} error line(s), first: ${problems[0]}` : ""}.`
      : `restic checked the repository${readData ? ` and read ${readData}` : " (structure only, no data read)"}: no errors were found.`,
    summary: {
      tool: "restic",
      operation: "check",
      readData,
      snapshots,
      packs,
      fatal,
      problems: problemCount,
      problemSamples: problems,
    },
  };
}

// --- PostgreSQL log of a restored copy ------------------------------------------------------------

const RECOVERY_MARKS =
  /(?:starting (?:point-in-time|archive) recovery|consistent recovery state reached|redo starts at|database system was interrupted)/;

export function looksLikePostgresRecovery(head: string): boolean {
  return RECOVERY_MARKS.test(head) && /LOG: {2}/.test(head);
}

export async function parsePostgresRecovery(lines: AsyncIterable<Line>): Promise<ParsedEvidence> {
  let start: Date | undefined;
  let recoveryStart: Date | undefined;
  let consistent: Date | undefined;
  let ready: Date | undefined;
  let readOnly: Date | undefined;
  let lastTransaction: string | null = null;
  let target: string | null = null;
  let version: string | null = null;
  let fatal: string | null = null;
  let seenRecovery = false;
  for await (const { text } of lines) {
    const s = logStamp(text);
    const msg = /\b(LOG|FATAL|PANIC|ERROR|WARNING): {2}(.*)$/.exec(text);
    if (!s || !msg) continue;
    const [, level, m] = msg;
    if (level === "FATAL" || level === "PANIC") {
      fatal ??= clip(`${level}: ${m}`, CAPS.message)!;
      continue;
    }
    const v = /^starting PostgreSQL (\S+)/.exec(m);
    if (v) {
      version = v[1];
      start = s;
      continue;
    }
    if (RECOVERY_MARKS.test(m)) {
      seenRecovery = true;
      recoveryStart ??= s;
    }
    target = /^starting point-in-time recovery to (.*)$/.exec(m)?.[1] ?? target;
    if (m.startsWith("consistent recovery state reached")) consistent ??= s;
    if (m === "database system is ready to accept read-only connections") readOnly ??= s;
    if (m === "database system is ready to accept connections") ready = s;
    lastTransaction = /^last completed transaction was at log time (.*)$/.exec(m)?.[1] ?? lastTransaction;
  }
  if (!seenRecovery)
    refuse(
      "invalid-content",
      'This PostgreSQL log shows no recovery (no "redo starts at", "consistent recovery state reached" or "starting … recovery" line).',
    );
  if (!ready && !fatal) {
    refuse(
      "truncated",
      'The PostgreSQL log ends before the restored copy was "ready to accept connections" and shows no FATAL or PANIC: it is cut off. Push the log up to that line.',
    );
  }
  const from = start ?? recoveryStart!;
  const secs = (d: Date | undefined) => (d ? Math.round((d.getTime() - from.getTime()) / 100) / 10 : null);
  const failed = !ready;
  return {
    kind: "RESTORE_DRILL",
    format: "postgres-recovery",
    title: failed
      ? "PostgreSQL recovery of the restored copy failed"
      : `PostgreSQL recovery: ready after ${secs(ready)} s`,
    outcome: failed ? "FAIL" : "PASS",
    outcomeReason: failed
      ? `The restored copy never accepted connections: ${fatal}.`
      : `The restored copy reached a consistent state after ${secs(consistent) ?? "?"} s and accepted connections after ${secs(ready)} s.`,
    effectiveAt: ready ?? from,
    periodStart: from,
    periodEnd: ready,
    summary: {
      tool: "PostgreSQL",
      version,
      startedAt: from.toISOString(),
      consistentAt: consistent?.toISOString() ?? null,
      readOnlyAt: readOnly?.toISOString() ?? null,
      readyAt: ready?.toISOString() ?? null,
      secondsToConsistent: secs(consistent),
      recoverySeconds: secs(ready),
      recoveryTarget: target,
      lastTransactionAt: lastTransaction,
      fatal,
    },
  };
}
