// An independent statement of the readiness rule in one SQL query, for flat frameworks (families
// with requirements beneath, no points). Test-only: it checks compute-readiness against a second,
// differently written computation (DISTINCT ON over all evidence instead of index probes, set
// logic instead of the pure rules).
import { prisma } from "@/lib/db";

export interface IndependentRow {
  refId: string;
  status: "met" | "unmet" | "not_applicable";
}

const STATES = `
    WITH p AS (SELECT $1::text AS pid, $2::timestamp AS at),
    latest AS (
      SELECT DISTINCT ON (ec."controlId", ec.kind) ec."controlId", ec.kind, ec.outcome, ec."effectiveAt"
      FROM "EvidenceControl" ec, p
      WHERE ec."projectId" = p.pid AND ec."effectiveAt" <= p.at AND ec."collectedAt" <= p.at
      ORDER BY ec."controlId", ec.kind, ec."effectiveAt" DESC, ec."evidenceId" DESC
    ),
    ev AS (
      SELECT ce."controlId",
             bool_or(l.outcome = 'FAIL') AS failing,
             bool_or(l.outcome IS NULL OR (l.outcome <> 'FAIL' AND l."effectiveAt" + ce."freshnessDays" * interval '1 day' <= p.at)) AS stale
      FROM "ControlExpectation" ce CROSS JOIN p
      LEFT JOIN latest l ON l."controlId" = ce."controlId" AND l.kind = ce.kind
      GROUP BY ce."controlId"
    ),
    blk AS (
      SELECT DISTINCT bic."controlId"
      FROM "BacklogItemControl" bic JOIN "BacklogItem" b ON b.id = bic."itemId", p
      WHERE b."projectId" = p.pid AND b.priority = 'BLOCKER' AND b."createdAt" <= p.at
        AND CASE WHEN b."closedAt" IS NOT NULL THEN b."closedAt" > p.at ELSE b.status <> 'DONE' END
    ),
    lastx AS (
      SELECT DISTINCT ON (x."runbookId") x."runbookId", x."performedAt", x.outcome, x."measuredRtoSeconds", x."measuredRpoSeconds"
      FROM "RunbookExercise" x, p WHERE x."performedAt" <= p.at
      ORDER BY x."runbookId", x."performedAt" DESC, x.id DESC
    ),
    rb AS (
      SELECT rc."controlId",
             bool_or(lx."runbookId" IS NOT NULL AND (lx.outcome <> 'PASS' OR lx."measuredRtoSeconds" > r."rtoTargetSeconds" OR lx."measuredRpoSeconds" > r."rpoTargetSeconds")) AS failing,
             bool_or(r."cadenceDays" IS NOT NULL AND COALESCE(lx."performedAt", r."createdAt") + r."cadenceDays" * interval '1 day' <= p.at) AS stale,
             bool_or(r."cadenceDays" IS NOT NULL OR lx."runbookId" IS NOT NULL) AS proves
      FROM "RunbookControl" rc JOIN "Runbook" r ON r.id = rc."runbookId" CROSS JOIN p
      LEFT JOIN lastx lx ON lx."runbookId" = r.id
      WHERE r."projectId" = p.pid AND (r."createdAt" <= p.at OR lx."runbookId" IS NOT NULL) AND (r."archivedAt" IS NULL OR r."archivedAt" > p.at)
      GROUP BY rc."controlId"
    ),
    states AS (
    SELECT c.id, c.key,
      CASE
        WHEN COALESCE(pc."notApplicable", false) THEN 'not_applicable'
        WHEN COALESCE(ev.failing, false) OR blk."controlId" IS NOT NULL OR COALESCE(rb.failing, false) THEN 'failing'
        WHEN COALESCE(ev.stale, false) OR COALESCE(rb.stale, false) OR (ev."controlId" IS NULL AND NOT COALESCE(rb.proves, false)) THEN 'stale'
        ELSE 'passing'
      END AS state
    FROM "Control" c CROSS JOIN p
    LEFT JOIN "ProjectControl" pc ON pc."controlId" = c.id AND pc."projectId" = p.pid
    LEFT JOIN ev ON ev."controlId" = c.id
    LEFT JOIN blk ON blk."controlId" = c.id
    LEFT JOIN rb ON rb."controlId" = c.id
    WHERE c.id IN (SELECT m."controlId" FROM "ControlMapping" m JOIN "Requirement" r ON r.id = m."requirementId"
                   JOIN "ProjectFramework" pf ON pf."frameworkId" = r."frameworkId" AND pf."projectId" = p.pid)
      AND c."archivedAt" IS NULL
    )`;

function timestampText(at: Date): string {
  return at.toISOString().replace("T", " ").replace("Z", "");
}

export async function independentControlStates(projectId: string, at: Date): Promise<Map<string, string>> {
  const rows = await prisma.$queryRawUnsafe<Array<{ key: string; state: string }>>(`${STATES} SELECT key, state FROM states`, projectId, timestampText(at));
  return new Map(rows.map((r) => [r.key, r.state]));
}

/** Requirement statuses of a flat framework, from the same control states, in SQL. */
export async function independentRequirementStatuses(projectId: string, frameworkId: string, at: Date): Promise<IndependentRow[]> {
  return prisma.$queryRawUnsafe<IndependentRow[]>(
    `${STATES}
    SELECT r."refId",
      CASE
        WHEN r."defaultNotApplicableReason" IS NOT NULL THEN 'not_applicable'
        WHEN count(s.id) = 0 THEN 'unmet'
        WHEN count(s.id) FILTER (WHERE s.state <> 'not_applicable') = 0 THEN 'not_applicable'
        WHEN bool_and(s.state IN ('passing', 'not_applicable')) THEN 'met'
        ELSE 'unmet'
      END AS status
    FROM "Requirement" r
    LEFT JOIN "ControlMapping" m ON m."requirementId" = r.id
    LEFT JOIN states s ON s.id = m."controlId"
    WHERE r."frameworkId" = $3 AND r.assessable AND r."retiredAt" IS NULL
    GROUP BY r.id ORDER BY r."refId"`,
    projectId,
    timestampText(at),
    frameworkId,
  );
}
