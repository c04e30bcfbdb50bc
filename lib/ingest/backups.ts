import { isObject, pick, text, type JsonValue } from "@/lib/ingest/exact-json";
import { CAPS, clip } from "@/lib/ingest/limits";
import { refuse } from "@/lib/core/http/refusal";
import { latest, parseTime } from "@/lib/ingest/time";
import type { ParsedEvidence } from "@/lib/ingest/types";

// Backup tools' own JSON, where it says whether a backup or restore worked:
// * restic: `restic snapshots --json` (an array of snapshots) and `restic backup|restore --json`
//   (JSON Lines of status, error and summary messages; the summary comes last when the run finished);
// * pgBackRest: `pgbackrest info --output=json` (stanzas with a status code and their backups).

export function looksLikeResticSnapshots(doc: JsonValue): boolean {
  return (
    Array.isArray(doc) &&
    doc.length > 0 &&
    doc.every((s) => isObject(s) && typeof s.tree === "string" && typeof s.time === "string" && Array.isArray(s.paths))
  );
}

export function looksLikeResticMessage(obj: unknown): boolean {
  return isObject(obj) && typeof obj.message_type === "string";
}

export function looksLikePgBackRest(doc: JsonValue): boolean {
  return (
    Array.isArray(doc) &&
    doc.length > 0 &&
    doc.every((s) => isObject(s) && typeof s.name === "string" && isObject(s.status) && "backup" in s)
  );
}

export function parseResticSnapshots(doc: JsonValue): ParsedEvidence {
  if (!Array.isArray(doc)) refuse("invalid-content", "`restic snapshots --json` output is a JSON array.");
  let newest: Date | undefined;
  let oldest: Date | undefined;
  const hosts = new Set<string>();
  const paths = new Set<string>();
  for (const s of doc) {
    const t = parseTime(pick(s, "time"));
    newest = latest(newest, t);
    if (t && (!oldest || t < oldest)) oldest = t;
    const host = text(pick(s, "hostname"));
    if (host) hosts.add(host);
    for (const p of Array.isArray(pick(s, "paths")) ? (pick(s, "paths") as JsonValue[]) : [])
      if (typeof p === "string") paths.add(p);
  }
  return {
    kind: "BACKUP",
    format: "restic",
    title: `restic snapshots: ${doc.length} snapshot(s)${newest ? `, newest ${newest.toISOString().slice(0, 10)}` : ""}`,
    outcome: doc.length ? "PASS" : "WARN",
    outcomeReason: doc.length
      ? `The repository holds ${doc.length} snapshot(s).`
      : "The repository holds no snapshots.",
    subject: [...hosts][0],
    effectiveAt: newest,
    periodStart: oldest,
    periodEnd: newest,
    summary: {
      tool: "restic",
      operation: "snapshots",
      snapshots: doc.length,
      newest: newest?.toISOString() ?? null,
      oldest: oldest?.toISOString() ?? null,
      hosts: [...hosts].slice(0, 20),
      paths: [...paths].slice(0, 20),
    },
  };
}

/** restic backup or restore messages (one JSON object per line). */
export async function parseResticMessages(
  messages: AsyncIterable<{ lineNo: number; value: JsonValue }>,
): Promise<ParsedEvidence> {
  let summary: Record<string, JsonValue> | undefined;
  const errors: Array<{ item?: string; message?: string }> = [];
  let errorCount = 0;
  let seen = 0;
  for await (const { lineNo, value } of messages) {
    if (!isObject(value) || typeof value.message_type !== "string")
      refuse("invalid-content", `Line ${lineNo} is not a restic message (no message_type).`);
    seen++;
    if (value.message_type === "summary") summary = value;
    else if (value.message_type === "error" || value.message_type === "exit_error") {
      errorCount++;
      if (errors.length < CAPS.listItems)
        errors.push({
          item: text(value.item),
          message: clip(text(pick(value, "error.message")) ?? text(value.message), CAPS.message),
        });
    }
  }
  if (!seen) refuse("empty-body", "The body holds no restic messages.");
  const operation = summary && ("files_restored" in summary || "bytes_restored" in summary) ? "restore" : "backup";
  const outcome = !summary ? "FAIL" : errorCount ? "WARN" : "PASS";
  const outcomeReason = !summary
    ? `The ${operation} did not finish (no summary message)${errorCount ? ` and reported ${errorCount} error(s)` : ""}.`
    : errorCount
      ? `The ${operation} finished but reported ${errorCount} error(s) (some files were not processed).`
      : `The ${operation} finished without errors.`;
  const end = parseTime(summary?.backup_end);
  return {
    kind: "BACKUP",
    format: "restic",
    title: `restic ${operation}: ${outcome === "PASS" ? "finished" : outcome === "WARN" ? "finished with errors" : "did not finish"}`,
    outcome,
    outcomeReason,
    effectiveAt: end,
    periodStart: parseTime(summary?.backup_start),
    periodEnd: end,
    summary: {
      tool: "restic",
      operation,
      snapshotId: text(summary?.snapshot_id) ?? null,
      filesNew: summary?.files_new ?? null,
      filesChanged: summary?.files_changed ?? null,
      filesRestored: summary?.files_restored ?? null,
      totalFiles: summary?.total_files_processed ?? summary?.total_files ?? null,
      bytes: summary?.total_bytes_processed ?? summary?.bytes_restored ?? null,
      durationSeconds: summary?.total_duration ?? summary?.seconds_elapsed ?? null,
      errors: errorCount,
      errorSamples: errors,
    },
  };
}

export function parsePgBackRest(doc: JsonValue): ParsedEvidence {
  if (!Array.isArray(doc))
    refuse("invalid-content", "`pgbackrest info --output=json` output is a JSON array of stanzas.");
  const stanzas = doc.filter(isObject).map((s) => {
    const backups = Array.isArray(s.backup) ? s.backup.filter(isObject) : [];
    const last = backups.at(-1);
    return {
      name: text(s.name) ?? "?",
      statusCode: typeof pick(s, "status.code") === "number" ? (pick(s, "status.code") as number) : -1,
      statusMessage: text(pick(s, "status.message")) ?? null,
      backups: backups.length,
      latest: last
        ? {
            label: text(last.label) ?? null,
            type: text(last.type) ?? null,
            stoppedAt: parseTime(pick(last, "timestamp.stop"))?.toISOString() ?? null,
            error: pick(last, "error") === true,
          }
        : null,
    };
  });
  if (!stanzas.length) refuse("invalid-content", "The pgBackRest report holds no stanzas.");
  const broken = stanzas.filter((s) => s.statusCode !== 0 || !s.latest || s.latest.error);
  const newest = stanzas
    .map((s) => (s.latest?.stoppedAt ? new Date(s.latest.stoppedAt) : undefined))
    .reduce(latest, undefined);
  return {
    kind: "BACKUP",
    format: "pgbackrest",
    title: `pgBackRest: ${stanzas.length} stanza(s), ${broken.length ? `${broken.length} with problems` : "all ok"}`,
    outcome: broken.length ? "FAIL" : "PASS",
    outcomeReason: broken.length
      ? `Stanza ${broken.map((s) => `${s.name} (${s.statusMessage ?? (s.latest?.error ? "last backup has errors" : "no backup")})`).join(", ")}: a stanza that is not ok or whose last backup failed fails.`
      : "Every stanza is ok and its last backup completed.",
    subject: stanzas[0].name,
    effectiveAt: newest,
    summary: { tool: "pgBackRest", stanzas },
  };
}

/** `restic forget --json`: one group per host/paths/tags, with the snapshots kept and removed. */
export function looksLikeResticForget(doc: JsonValue): boolean {
  return (
    Array.isArray(doc) &&
    doc.length > 0 &&
    doc.every((g) => isObject(g) && Array.isArray(g.keep) && ("remove" in g || "reasons" in g))
  );
}

/** The retention restic actually applied: per group, how many snapshots it kept (and by which rule) and removed. */
export function parseResticForget(doc: JsonValue): ParsedEvidence {
  if (!looksLikeResticForget(doc))
    refuse(
      "invalid-content",
      '`restic forget --json` output is a JSON array of groups, each with a "keep" array and "remove" or "reasons".',
    );
  const groups = (doc as JsonValue[]).filter(isObject).map((g) => {
    const keep = (g.keep as JsonValue[]).filter(isObject);
    const remove = Array.isArray(g.remove) ? g.remove.filter(isObject) : [];
    const rules = new Map<string, number>();
    for (const r of Array.isArray(g.reasons) ? g.reasons : []) {
      for (const m of Array.isArray(pick(r, "matches")) ? (pick(r, "matches") as JsonValue[]) : [])
        if (typeof m === "string") rules.set(m, (rules.get(m) ?? 0) + 1);
    }
    const times = keep
      .map((s) => parseTime(s.time))
      .filter((t): t is Date => !!t)
      .sort((a, b) => a.getTime() - b.getTime());
    return {
      host: text(g.host) ?? null,
      paths: Array.isArray(g.paths) ? g.paths.filter((p): p is string => typeof p === "string").slice(0, 20) : [],
      kept: keep.length,
      removed: remove.length,
      oldestKept: times[0]?.toISOString() ?? null,
      newestKept: times.at(-1)?.toISOString() ?? null,
      keptBy: Object.fromEntries([...rules.entries()].slice(0, 20)),
    };
  });
  const kept = groups.reduce((n, g) => n + g.kept, 0);
  const removed = groups.reduce((n, g) => n + g.removed, 0);
  const empty = groups.filter((g) => g.kept === 0);
  const newest = groups.map((g) => (g.newestKept ? new Date(g.newestKept) : undefined)).reduce(latest, undefined);
  return {
    kind: "BACKUP",
    format: "restic-forget",
    title: `restic forget: kept ${kept}, removed ${removed} snapshot(s) in ${groups.length} group(s)`,
    outcome: empty.length ? "FAIL" : "PASS",
    outcomeReason: empty.length
      ? `The retention policy kept no snapshot for ${empty.map((g) => `${g.host ?? "?"}:${g.paths.join(",")}`).join("; ")}.`
      : `The retention policy was applied: every group keeps at least one snapshot (${kept} kept, ${removed} removed).`,
    subject: groups[0]?.host ?? undefined,
    effectiveAt: newest,
    summary: { tool: "restic", operation: "forget", groups: groups.slice(0, CAPS.listItems), kept, removed },
  };
}
