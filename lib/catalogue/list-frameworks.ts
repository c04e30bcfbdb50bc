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

/** Every framework with its requirement counts and mapping coverage, built-in catalogues first (SOC 2, GDPR, IRB), then custom ones by name. */
export async function listFrameworks({ ctx }: { ctx: RequestCtx }): Promise<FrameworkSummary[]> {
  assertCan(ctx.actor, "framework:read");
  const rows = await prisma.$queryRaw<
    Array<{ key: string; name: string; version: string; description: string; builtIn: boolean; total: bigint; retired: bigint; assessable: bigint; mapped: bigint; na: bigint }>
  >`
    WITH req AS (
      SELECT r."frameworkId", r."retiredAt", r.assessable, r."defaultNotApplicableReason",
             EXISTS (SELECT 1 FROM "ControlMapping" m JOIN "Control" c ON c.id = m."controlId"
                     WHERE m."requirementId" = r.id AND c."archivedAt" IS NULL) AS mapped
      FROM "Requirement" r
    )
    SELECT f.key, f.name, f.version, f.description, f."builtIn",
           count(req."frameworkId") FILTER (WHERE req."retiredAt" IS NULL) AS total,
           count(req."frameworkId") FILTER (WHERE req."retiredAt" IS NOT NULL) AS retired,
           count(req."frameworkId") FILTER (WHERE req."retiredAt" IS NULL AND req.assessable) AS assessable,
           count(req."frameworkId") FILTER (WHERE req."retiredAt" IS NULL AND req.assessable AND req.mapped) AS mapped,
           count(req."frameworkId") FILTER (WHERE req."retiredAt" IS NULL AND req.assessable AND NOT req.mapped
                                            AND req."defaultNotApplicableReason" IS NOT NULL) AS na
    FROM "Framework" f LEFT JOIN req ON req."frameworkId" = f.id
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
      coverage: { assessable, mapped, notApplicable, unmapped: denominator - mapped, ratio: denominator > 0 ? mapped / denominator : null },
    };
  });
}
