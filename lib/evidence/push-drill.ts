import { createHash } from "node:crypto";
import type { RequestCtx } from "@/lib/auth/actor";
import { bytesOf } from "@/lib/ingest/bytes";
import { ingestLimits } from "@/lib/limits";
import { IngestRefusal, refuse } from "@/lib/core/http/refusal";
import { planParse } from "@/lib/ingest/parse-body";
import type { ParsedEvidence } from "@/lib/ingest/types";
import type { TDrillReport } from "@/lib/schemas/evidence-drill";
import { MAX_DRILL_FILES, type TDrillPushQuery } from "@/lib/schemas/evidence";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { ingestEvidence } from "@/lib/evidence/ingest-evidence";
import type { IngestResult } from "@/lib/evidence/ingest-result";

export interface DrillFile {
  filename: string;
  bytes: Buffer;
}

export interface PushDrillOptions {
  ctx: RequestCtx;
  projectSlug: string;
  query: TDrillPushQuery;
  files: DrillFile[];
  now: Date;
}

export interface PushDrillResult {
  drill: IngestResult;
  files: Array<{ filename: string; result: IngestResult }>;
}

interface Part {
  file: DrillFile;
  sha256: string;
  parsed: ParsedEvidence | null;
}

/**
 * A restore drill made of several tool outputs (the backup log, the restore log, the restored copy's
 * PostgreSQL log, the verification query's output), pushed as one. Every file is parsed first and any
 * refusal refuses the whole drill before anything is written (the file is named); a file no format
 * recognises is kept as a manual file (verification output). Then each file is stored as its own
 * evidence, and the drill as Proofline drill JSON that names each file by sha256: its outcome is the
 * files' (any FAIL fails it, any WARN makes it partial), its RTO the measured time from the restore's
 * start to the restored copy accepting connections. The drill exercises the runbook it names.
 */
export async function pushDrill(opts: PushDrillOptions): Promise<PushDrillResult> {
  const { ctx, query, files, now } = opts;
  await resolveProject({ ctx, slug: opts.projectSlug, permission: "evidence:write", write: "adding evidence" });
  if (!files.length)
    refuse("empty-body", "A drill needs at least one file: send the tool outputs as multipart/form-data file parts.");
  if (files.length > MAX_DRILL_FILES)
    refuse("invalid-content", `A drill takes at most ${MAX_DRILL_FILES} files; this one has ${files.length}.`);
  const limits = ingestLimits();
  const parts: Part[] = [];
  for (const file of files) {
    if (!file.bytes.length) refuse("empty-body", `${file.filename}: the file is empty.`);
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    try {
      const plan = await planParse({
        body: { size: file.bytes.length, open: () => bytesOf(file.bytes) },
        limits,
        auditMapping: null,
      });
      if (plan.type === "audit-log")
        refuse("invalid-content", "an audit log is not part of a drill; push it to /evidence on its own.");
      parts.push({ file, sha256, parsed: plan.type === "evidence" ? plan.parsed : null });
    } catch (err) {
      if (err instanceof IngestRefusal && err.reason === "unknown-format") parts.push({ file, sha256, parsed: null });
      else if (err instanceof IngestRefusal) throw new IngestRefusal(err.reason, `${file.filename}: ${err.message}`);
      else throw err;
    }
  }
  const report = drillReport(query, parts, now);
  const results: PushDrillResult["files"] = [];
  for (const p of parts) {
    const result = await ingestEvidence({
      ctx,
      projectSlug: opts.projectSlug,
      body: bytesOf(p.file.bytes),
      meta: { filename: p.file.filename, ...(p.parsed ? {} : { format: "manual" }) },
      now,
    });
    results.push({ filename: p.file.filename, result });
  }
  const json = Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  const drill = await ingestEvidence({
    ctx,
    projectSlug: opts.projectSlug,
    body: bytesOf(json),
    meta: { format: "drill", filename: `${query.name}.drill.json` },
    now,
  });
  return { drill, files: results };
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** The drill JSON (lib/schemas/evidence-drill.ts) the files add up to. */
export function drillReport(query: TDrillPushQuery, parts: Part[], now: Date): TDrillReport {
  const parsed = parts.map((p) => p.parsed).filter((p): p is ParsedEvidence => p !== null);
  // The drill's own period is the restore's (a backup log in the drill shows what was restored, from earlier).
  const restores = parsed.filter((p) => p.kind === "RESTORE_DRILL");
  const timed = restores.length ? restores : parsed;
  const starts = timed.map((p) => p.periodStart ?? p.effectiveAt).filter((d): d is Date => !!d);
  const ends = timed.map((p) => p.periodEnd ?? p.effectiveAt).filter((d): d is Date => !!d);
  const startedAt = starts.length ? new Date(Math.min(...starts.map(Number))) : now;
  const finishedAt = ends.length ? new Date(Math.max(startedAt.getTime(), ...ends.map(Number))) : startedAt;
  const outcome = parsed.some((p) => p.outcome === "FAIL")
    ? "fail"
    : parsed.some((p) => p.outcome === "WARN")
      ? "partial"
      : "pass";
  // RTO: from the restore's start to the restored copy accepting connections, as measured in the logs.
  const restore = parsed.find((p) => p.format === "pgbackrest-log" && p.summary.operation === "restore");
  const recovery = parsed.find((p) => p.format === "postgres-recovery");
  const readyAt = typeof recovery?.summary.readyAt === "string" ? new Date(recovery.summary.readyAt) : null;
  let rtoSeconds: number | null = null;
  let rtoFrom = "";
  if (restore?.periodStart && readyAt && readyAt >= restore.periodStart) {
    rtoSeconds = seconds(restore.periodStart, readyAt);
    rtoFrom = "from the pgBackRest restore's start to the restored copy accepting connections";
  } else if (readyAt && recovery?.periodStart) {
    rtoSeconds = seconds(recovery.periodStart, readyAt);
    rtoFrom = "from the restored copy's start to it accepting connections";
  } else if (restore?.periodStart && restore.periodEnd) {
    rtoSeconds = seconds(restore.periodStart, restore.periodEnd);
    rtoFrom = "the pgBackRest restore's duration";
  }
  const lines = parts.map((p) =>
    p.parsed
      ? `${p.file.filename} (sha256 ${p.sha256}): ${p.parsed.format}, ${p.parsed.outcome}: ${p.parsed.title}. ${p.parsed.outcomeReason}`
      : `${p.file.filename} (sha256 ${p.sha256}): kept as a file (verification output, not parsed).`,
  );
  if (rtoSeconds !== null) lines.push(`Measured RTO ${rtoSeconds} s: ${rtoFrom}.`);
  return {
    type: "restore-drill",
    name: query.name,
    ...(query.runbook ? { runbook: query.runbook } : {}),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    outcome,
    rtoSeconds,
    log: lines.join("\n").slice(0, 60_000),
  };
}
