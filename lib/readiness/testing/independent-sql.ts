// An independent statement of the readiness rule (docs/readiness.md) in one SQL query, for any
// requirement tree: groups, families and categories whose controls decide every point beneath them,
// retired parents that keep their current children in place. Test-only: it checks compute-readiness
// against a second, differently written computation (DISTINCT ON over all evidence instead of index
// probes, an ancestor closure and set logic instead of the pure rules' tree walk).
import { prisma } from "@/lib/db";

export interface IndependentRow {
  refId: string;
  status: "met" | "unmet" | "not_applicable";
}

export interface IndependentRequirement extends IndependentRow {
  /** The refId of its family (top-most "family" ancestor, else top-most "category"), or null. */
  family: string | null;
}

const STATES = `
    WITH RECURSIVE p AS (SELECT $1::text AS pid, $2::timestamp AS at),
    -- Every requirement of the project's frameworks with each of its ancestors (itself at distance 0).
    anc AS (
      SELECT r.id AS rid, r.id AS aid, 0 AS dist FROM "Requirement" r, p
      WHERE r."frameworkId" IN (SELECT pf."frameworkId" FROM "ProjectFramework" pf WHERE pf."projectId" = p.pid)
      UNION
      SELECT anc.rid, a."parentId", anc.dist + 1 FROM anc JOIN "Requirement" a ON a.id = anc.aid
      WHERE a."parentId" IS NOT NULL AND anc.dist < 50
    ),
    -- Requirements that count: current ones and every ancestor of a current one (retired or not).
    counted AS (SELECT DISTINCT anc.aid AS id FROM anc JOIN "Requirement" r ON r.id = anc.rid WHERE r."retiredAt" IS NULL),
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
      ORDER BY x."runbookId", x."performedAt" DESC, array_position(ARRAY['FAIL', 'PARTIAL', 'PASS']::text[], x.outcome::text), x."createdAt" DESC, x.id DESC
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
    WHERE c.id IN (SELECT m."controlId" FROM "ControlMapping" m JOIN counted ON counted.id = m."requirementId")
      AND c."archivedAt" IS NULL
    )`;

function timestampText(at: Date): string {
  return at.toISOString().replace("T", " ").replace("Z", "");
}

export async function independentControlStates(projectId: string, at: Date): Promise<Map<string, string>> {
  const rows = await prisma.$queryRawUnsafe<Array<{ key: string; state: string }>>(
    `${STATES} SELECT key, state FROM states`,
    projectId,
    timestampText(at),
  );
  return new Map(rows.map((r) => [r.key, r.state]));
}

/**
 * Each scored requirement of a framework (current, assessable, nothing current and assessable
 * beneath it) with its status, decided by the controls mapped to it or to any ancestor, and its family.
 */
export async function independentRequirements(
  projectId: string,
  frameworkId: string,
  at: Date,
): Promise<IndependentRequirement[]> {
  return prisma.$queryRawUnsafe<IndependentRequirement[]>(
    `${STATES}
    SELECT r."refId",
      CASE
        WHEN count(s.id) = 0 AND EXISTS (SELECT 1 FROM anc a JOIN "Requirement" x ON x.id = a.aid WHERE a.rid = r.id AND x."defaultNotApplicableReason" IS NOT NULL) THEN 'not_applicable'
        WHEN count(s.id) = 0 THEN 'unmet'
        WHEN count(s.id) FILTER (WHERE s.state <> 'not_applicable') = 0 THEN 'not_applicable'
        WHEN bool_and(s.state IN ('passing', 'not_applicable')) THEN 'met'
        ELSE 'unmet'
      END AS status,
      (SELECT f."refId" FROM anc a JOIN "Requirement" f ON f.id = a.aid
       WHERE a.rid = r.id AND a.dist > 0 AND f.level IN ('family', 'category')
       ORDER BY f.level = 'family' DESC, a.dist DESC LIMIT 1) AS family
    FROM "Requirement" r
    JOIN anc up ON up.rid = r.id
    LEFT JOIN "ControlMapping" m ON m."requirementId" = up.aid
    LEFT JOIN states s ON s.id = m."controlId"
    WHERE r."frameworkId" = $3 AND r.assessable AND r."retiredAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM anc d JOIN "Requirement" x ON x.id = d.rid
                      WHERE d.aid = r.id AND d.dist > 0 AND x.assessable AND x."retiredAt" IS NULL)
    GROUP BY r.id ORDER BY r."refId"`,
    projectId,
    timestampText(at),
    frameworkId,
  );
}

/** Requirement statuses, without families (see independentRequirements). */
export async function independentRequirementStatuses(
  projectId: string,
  frameworkId: string,
  at: Date,
): Promise<IndependentRow[]> {
  return (await independentRequirements(projectId, frameworkId, at)).map(({ refId, status }) => ({ refId, status }));
}
