import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import type { Coverage } from "@/lib/catalogue/coverage";
import { compareFrameworks } from "@/lib/catalogue/builtin";

export interface FrameworkSummary {
  key: string;
  name: string;
  version: string;
  description: string;
  builtIn: boolean;
  requirements: number;
  retired: number;
  coverage: Coverage;
}

/** Every framework with its requirement counts and mapping coverage (counted as get-framework counts it), built-in catalogues first (SOC 2, GDPR, IRB), then custom ones by name. */
export async function listFrameworks({ ctx }: { ctx: RequestCtx }): Promise<FrameworkSummary[]> {
  assertCan(ctx.actor, "framework:read");
  const rows = await prisma.$queryRaw<
    Array<{
      key: string;
      name: string;
      version: string;
      description: string;
      builtIn: boolean;
      total: bigint;
      retired: bigint;
      assessable: bigint;
      mapped: bigint;
      na: bigint;
    }>
  >`
    WITH RECURSIVE shown AS (
      -- Current requirements and the retired ones above them (they keep their place and pass down).
      SELECT r.id, r."parentId" FROM "Requirement" r WHERE r."retiredAt" IS NULL
      UNION
      SELECT p.id, p."parentId" FROM shown JOIN "Requirement" p ON p.id = shown."parentId" AND p."retiredAt" IS NOT NULL
    ),
    anc AS (
      SELECT s.id AS rid, s.id AS aid, 0 AS dist FROM shown s
      UNION
      SELECT anc.rid, a."parentId", anc.dist + 1 FROM anc JOIN "Requirement" a ON a.id = anc.aid WHERE a."parentId" IS NOT NULL AND anc.dist < 50
    ),
    scored AS (
      -- Scored as readiness scores: current, assessable, nothing current and assessable beneath it;
      -- served by a live control mapped to it or to any ancestor; not applicable by default when it
      -- or an ancestor says so.
      SELECT r.id, r."frameworkId",
             EXISTS (SELECT 1 FROM anc JOIN "ControlMapping" m ON m."requirementId" = anc.aid
                     JOIN "Control" c ON c.id = m."controlId" AND c."archivedAt" IS NULL WHERE anc.rid = r.id) AS mapped,
             EXISTS (SELECT 1 FROM anc JOIN "Requirement" x ON x.id = anc.aid
                     WHERE anc.rid = r.id AND x."defaultNotApplicableReason" IS NOT NULL) AS na
      FROM "Requirement" r
      WHERE r."retiredAt" IS NULL AND r.assessable
        AND NOT EXISTS (SELECT 1 FROM anc d JOIN "Requirement" x ON x.id = d.rid
                        WHERE d.aid = r.id AND d.dist > 0 AND x.assessable AND x."retiredAt" IS NULL)
    )
    SELECT f.key, f.name, f.version, f.description, f."builtIn",
           (SELECT count(*) FROM "Requirement" r WHERE r."frameworkId" = f.id AND r."retiredAt" IS NULL) AS total,
           (SELECT count(*) FROM "Requirement" r WHERE r."frameworkId" = f.id AND r."retiredAt" IS NOT NULL) AS retired,
           count(s.id) AS assessable,
           count(s.id) FILTER (WHERE s.mapped) AS mapped,
           count(s.id) FILTER (WHERE NOT s.mapped AND s.na) AS na
    FROM "Framework" f LEFT JOIN scored s ON s."frameworkId" = f.id
    GROUP BY f.id`;
  return rows.sort(compareFrameworks).map((r) => {
    const assessable = Number(r.assessable);
    const mapped = Number(r.mapped);
    const notApplicable = Number(r.na);
    const denominator = assessable - notApplicable;
    return {
      key: r.key,
      name: r.name,
      version: r.version,
      description: r.description,
      builtIn: r.builtIn,
      requirements: Number(r.total),
      retired: Number(r.retired),
      coverage: {
        assessable,
        mapped,
        notApplicable,
        unmapped: denominator - mapped,
        ratio: denominator > 0 ? mapped / denominator : null,
      },
    };
  });
}
