// Gathers, in SQL, the facts the readiness rules need for one project at one moment. Evidence is
// never loaded wholesale: for each control x expected kind, one index probe on
// EvidenceControl(projectId, controlId, kind, effectiveAt DESC) finds the newest row as of `at`.
import type { EvidenceKind, EvidenceOutcome, ExerciseOutcome } from "@/generated/prisma/enums";
import { Prisma } from "@/generated/prisma/client";
import { prisma, type Db } from "@/lib/db";
import { evidenceInWindowSql, exerciseInWindowSql, type ObservationWindow } from "@/lib/core/access/auditor-scope";
import type {
  AlertFacts,
  BlockerFacts,
  ControlFacts,
  FrameworkFacts,
  ReadinessFacts,
  RunbookFacts,
} from "@/lib/readiness/types";
import { deadlineDaysSql } from "@/lib/vulnerabilities/deadlines";

export interface GatherFactsOptions {
  projectId: string;
  at: Date;
  /** Framework keys to include (default: every framework the project is assessed against). */
  frameworkKeys?: string[];
  /**
   * Only evidence and exercises inside this audit window count (an auditor's view, or a packet's):
   * lib/core/access/auditor-scope.ts says what "inside" means. Without it, everything up to `at` counts.
   */
  window?: ObservationWindow | null;
  db?: Db;
}

interface ReqRow {
  frameworkId: string;
  frameworkKey: string;
  frameworkName: string;
  id: string;
  refId: string;
  title: string;
  parentId: string | null;
  level: string;
  assessable: boolean;
  position: number;
  naReason: string | null;
  retired: boolean;
  controlIds: string[];
}

interface ControlRow {
  id: string;
  key: string;
  title: string;
  notApplicable: boolean | null;
  justification: string | null;
  kind: EvidenceKind | null;
  freshnessDays: number | null;
  evidenceId: string | null;
  outcome: EvidenceOutcome | null;
  effectiveAt: Date | null;
  collectedAt: Date | null;
  evidenceTitle: string | null;
  branch: string | null;
}

interface BlockerRow extends BlockerFacts {
  controlId: string;
}

interface RunbookRow extends Omit<RunbookFacts, "lastExercise"> {
  controlId: string;
  exerciseId: string | null;
  performedAt: Date | null;
  outcome: ExerciseOutcome | null;
  measuredRtoSeconds: number | null;
  measuredRpoSeconds: number | null;
}

interface AlertRow extends AlertFacts {
  controlId: string;
}

/** Open security alerts held against one control: at most this many, soonest deadline first. */
const ALERTS_PER_CONTROL = 25;

export async function gatherFacts({
  projectId,
  at,
  frameworkKeys,
  window = null,
  db = prisma,
}: GatherFactsOptions): Promise<ReadinessFacts> {
  const keys = frameworkKeys ?? null;
  // The project's frameworks and the current controls mapped to them, as CTEs shared by every query
  // below, so that all four run at once (one round trip of latency, not four).
  const scope = Prisma.sql`
    fw AS (
      SELECT f.id, f.key, f.name FROM "ProjectFramework" pf JOIN "Framework" f ON f.id = pf."frameworkId"
      WHERE pf."projectId" = ${projectId} AND (${keys}::text[] IS NULL OR f.key = ANY(${keys}::text[]))
    ),
    req AS (
      -- Current requirements, and the retired ones above them: a retired parent keeps its current
      -- children in place and still passes down its controls, not-applicable reason and family.
      SELECT r.id, r."parentId" FROM "Requirement" r WHERE r."frameworkId" IN (SELECT id FROM fw) AND r."retiredAt" IS NULL
      UNION
      SELECT p.id, p."parentId" FROM req JOIN "Requirement" p ON p.id = req."parentId" AND p."retiredAt" IS NOT NULL
    ),
    ctl AS (
      SELECT DISTINCT c.id FROM req
      JOIN "ControlMapping" m ON m."requirementId" = req.id
      JOIN "Control" c ON c.id = m."controlId" AND c."archivedAt" IS NULL
    )`;
  const [reqs, controlRows, blockerRows, runbookRows, alertRows] = await Promise.all([
    db.$queryRaw<ReqRow[]>`
      WITH RECURSIVE ${scope}
      SELECT fw.id AS "frameworkId", fw.key AS "frameworkKey", fw.name AS "frameworkName",
             r.id, r."refId", r.title, r."parentId", r.level, r.assessable, r.position,
             r."defaultNotApplicableReason" AS "naReason", r."retiredAt" IS NOT NULL AS retired,
             COALESCE(array_agg(c.id ORDER BY c.key) FILTER (WHERE c.id IS NOT NULL), '{}') AS "controlIds"
      FROM fw
      LEFT JOIN "Requirement" r ON r."frameworkId" = fw.id AND r.id IN (SELECT id FROM req)
      LEFT JOIN "ControlMapping" m ON m."requirementId" = r.id
      LEFT JOIN "Control" c ON c.id = m."controlId" AND c."archivedAt" IS NULL
      GROUP BY fw.id, fw.key, fw.name, r.id
      ORDER BY fw.key`,
    db.$queryRaw<ControlRow[]>`
      WITH RECURSIVE ${scope}
      SELECT c.id, c.key, c.title, pc."notApplicable", pc.justification,
             ce.kind, ce."freshnessDays",
             ev."evidenceId", ev.outcome, ev."effectiveAt", ev."collectedAt", e.title AS "evidenceTitle", e."sourceBranch" AS branch
      FROM ctl JOIN "Control" c ON c.id = ctl.id
      LEFT JOIN "ProjectControl" pc ON pc."projectId" = ${projectId} AND pc."controlId" = c.id
      LEFT JOIN "ControlExpectation" ce ON ce."controlId" = c.id
      LEFT JOIN LATERAL (
        SELECT x."evidenceId", x.outcome, x."effectiveAt", x."collectedAt"
        FROM "EvidenceControl" x
        WHERE x."projectId" = ${projectId} AND x."controlId" = c.id AND x.kind = ce.kind
          AND x."effectiveAt" <= ${at} AND x."collectedAt" <= ${at}
          AND ${evidenceInWindowSql(window, { effectiveAt: Prisma.sql`x."effectiveAt"`, expiresAt: Prisma.sql`(SELECT w."expiresAt" FROM "Evidence" w WHERE w.id = x."evidenceId")` })}
        ORDER BY x."effectiveAt" DESC, x."evidenceId" DESC
        LIMIT 1
      ) ev ON ce.kind IS NOT NULL
      LEFT JOIN "Evidence" e ON e.id = ev."evidenceId"`,
    db.$queryRaw<BlockerRow[]>`
      WITH RECURSIVE ${scope}
      SELECT bic."controlId", b.id AS "itemId", b.key, b.title, b.status, b."createdAt", b."closedAt"
      FROM "BacklogItemControl" bic JOIN "BacklogItem" b ON b.id = bic."itemId"
      WHERE bic."controlId" IN (SELECT id FROM ctl) AND b."projectId" = ${projectId}
        AND b.priority = 'BLOCKER' AND b."createdAt" <= ${at} AND (b."closedAt" IS NULL OR b."closedAt" > ${at})`,
    db.$queryRaw<RunbookRow[]>`
      WITH RECURSIVE ${scope}
      SELECT rc."controlId", r.id AS "runbookId", r.key, r.title, r."cadenceDays", r."createdAt", r."archivedAt",
             r."rtoTargetSeconds", r."rpoTargetSeconds",
             x.id AS "exerciseId", x."performedAt", x.outcome, x."measuredRtoSeconds", x."measuredRpoSeconds"
      FROM "RunbookControl" rc JOIN "Runbook" r ON r.id = rc."runbookId"
      LEFT JOIN LATERAL (
        SELECT y.id, y."performedAt", y.outcome, y."measuredRtoSeconds", y."measuredRpoSeconds"
        FROM "RunbookExercise" y
        WHERE y."runbookId" = r.id AND y."performedAt" <= ${at} AND ${exerciseInWindowSql(window, Prisma.sql`y."performedAt"`)}
        -- Exercises at the same moment: the worse outcome counts, then the one recorded last.
        ORDER BY y."performedAt" DESC, CASE y.outcome WHEN 'FAIL' THEN 0 WHEN 'PARTIAL' THEN 1 ELSE 2 END, y."createdAt" DESC, y.id DESC
        LIMIT 1
      ) x ON true
      WHERE rc."controlId" IN (SELECT id FROM ctl) AND r."projectId" = ${projectId}`,
    // Security alerts open at `at`, against the controls that expect evidence of the alert's kind.
    db.$queryRaw<AlertRow[]>`
      WITH RECURSIVE ${scope}
      SELECT "controlId", "alertId", source, repo, number, "alertSeverity", title, "openedAt", "deadlineDays", "dueAt" FROM (
        SELECT ce."controlId", a.id AS "alertId", a.source, a.repo, a.number, a.severity AS "alertSeverity", a.title, a."openedAt",
               d.days AS "deadlineDays", a."openedAt" + make_interval(days => d.days) AS "dueAt",
               row_number() OVER (PARTITION BY ce."controlId" ORDER BY a."openedAt" + make_interval(days => d.days), a.id) AS n
        FROM "ControlExpectation" ce
        JOIN "SecurityAlert" a ON a."projectId" = ${projectId} AND a.kind = ce.kind
          AND a."openedAt" <= ${at} AND (a."closedAt" IS NULL OR a."closedAt" > ${at})
        LEFT JOIN "RemediationPolicy" rp ON rp."projectId" = ${projectId}
        CROSS JOIN LATERAL (SELECT ${deadlineDaysSql("a", "rp")} AS days) d
        WHERE ce."controlId" IN (SELECT id FROM ctl)
      ) t WHERE n <= ${ALERTS_PER_CONTROL}`,
  ]);
  return { at, frameworks: toFrameworks(reqs), controls: toControls(controlRows, blockerRows, runbookRows, alertRows) };
}

function toFrameworks(rows: ReqRow[]): FrameworkFacts[] {
  const out = new Map<string, FrameworkFacts>();
  for (const r of rows) {
    let fw = out.get(r.frameworkId);
    if (!fw) {
      fw = { id: r.frameworkId, key: r.frameworkKey, name: r.frameworkName, requirements: [] };
      out.set(r.frameworkId, fw);
    }
    if (r.id === null) continue; // a framework without requirements
    fw.requirements.push({
      id: r.id,
      refId: r.refId,
      title: r.title,
      parentId: r.parentId,
      level: r.level,
      assessable: r.assessable,
      position: r.position,
      notApplicableReason: r.naReason,
      controlIds: r.controlIds,
      ...(r.retired ? { retired: true } : {}),
    });
  }
  for (const fw of out.values()) fw.requirements.sort((a, b) => a.id.localeCompare(b.id));
  return [...out.values()];
}

function toControls(
  rows: ControlRow[],
  blockers: BlockerRow[],
  runbooks: RunbookRow[],
  alerts: AlertRow[],
): ControlFacts[] {
  const byId = new Map<string, ControlFacts>();
  for (const r of rows) {
    let c = byId.get(r.id);
    if (!c) {
      c = {
        id: r.id,
        key: r.key,
        title: r.title,
        notApplicable: r.notApplicable ?? false,
        justification: r.justification,
        expectations: [],
        blockers: [],
        runbooks: [],
      };
      byId.set(r.id, c);
    }
    if (r.kind && r.freshnessDays !== null) {
      c.expectations.push({
        kind: r.kind,
        freshnessDays: r.freshnessDays,
        latest:
          r.evidenceId && r.outcome && r.effectiveAt && r.collectedAt
            ? {
                evidenceId: r.evidenceId,
                title: r.evidenceTitle ?? "",
                outcome: r.outcome,
                effectiveAt: r.effectiveAt,
                collectedAt: r.collectedAt,
                branch: r.branch,
              }
            : null,
      });
    }
  }
  for (const { controlId, ...b } of blockers) byId.get(controlId)?.blockers.push(b);
  for (const r of runbooks) {
    const { controlId, exerciseId, performedAt, outcome, measuredRtoSeconds, measuredRpoSeconds, ...runbook } = r;
    byId.get(controlId)?.runbooks.push({
      ...runbook,
      lastExercise:
        exerciseId && performedAt && outcome
          ? { exerciseId, performedAt, outcome, measuredRtoSeconds, measuredRpoSeconds }
          : null,
    });
  }
  for (const { controlId, ...a } of alerts) {
    const c = byId.get(controlId);
    if (c) (c.alerts ??= []).push(a);
  }
  for (const c of byId.values()) {
    c.alerts?.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.alertId.localeCompare(b.alertId));
    c.expectations.sort((a, b) => a.kind.localeCompare(b.kind));
    c.blockers.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.itemId.localeCompare(b.itemId));
    c.runbooks.sort((a, b) => a.key.localeCompare(b.key));
  }
  return [...byId.values()];
}
