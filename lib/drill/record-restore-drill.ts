import { systemCtx } from "@/lib/auth/actor";
import { bytesOf } from "@/lib/ingest/bytes";
import { ingestEvidence } from "@/lib/evidence/ingest-evidence";
import type { IngestResult } from "@/lib/evidence/ingest-result";
import type { TDrillReport } from "@/lib/schemas/evidence-drill";
import type { RestoreDrillResult } from "@/lib/drill/run-restore-drill";

/** The runbook a project can keep for this drill: when it exists, each drill is also recorded as its exercise. */
export const DRILL_RUNBOOK_KEY = "proofline-database-restore";

/** The drill's result as Proofline's own restore-drill report (lib/schemas/evidence-drill.ts). */
export function drillReport(r: RestoreDrillResult, rtoTargetSeconds: number): TDrillReport {
  const lines = [
    r.ok ? "Restore drill passed." : `Restore drill FAILED: ${r.reason}`,
    `Method: ${r.method ?? "none"}; ${r.tables} tables, ${r.rows} rows; activity trail events verified on the copy: ${r.trailEvents ?? "not checked"}.`,
    ...r.mismatches
      .slice(0, 20)
      .map((m) => `Row count differs: ${m.table} ${m.source} in the source, ${m.copy} in the copy.`),
    ...r.log,
  ];
  return {
    type: "restore-drill",
    name: "restore-proofline-database",
    runbook: DRILL_RUNBOOK_KEY,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    outcome: r.ok ? "pass" : "fail",
    rtoSeconds: r.seconds,
    targets: { rtoSeconds: rtoTargetSeconds },
    log: lines.join("\n").slice(0, 60_000),
  };
}

export interface RecordRestoreDrillOptions {
  result: RestoreDrillResult;
  projectSlug: string;
  rtoTargetSeconds: number;
  now: Date;
}

/** Pushes the drill into the project as RESTORE_DRILL evidence (PASS, or FAIL with the reason; over the RTO target fails too). */
export async function recordRestoreDrill({
  result,
  projectSlug,
  rtoTargetSeconds,
  now,
}: RecordRestoreDrillOptions): Promise<IngestResult> {
  const body = Buffer.from(JSON.stringify(drillReport(result, rtoTargetSeconds)), "utf8");
  return ingestEvidence({
    ctx: systemCtx("restore-drill"),
    projectSlug,
    body: bytesOf(body),
    meta: { format: "drill", filename: "proofline-restore-drill.json" },
    now,
  });
}
