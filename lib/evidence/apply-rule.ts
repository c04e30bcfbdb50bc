import { prisma } from "@/lib/db";
import { Prisma } from "@/generated/prisma/client";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { refreshExpiry } from "@/lib/evidence/file-evidence";
import { globToLike, RULE_ATTRIBUTES, type RuleAttribute, type RuleConditions } from "@/lib/evidence/rule-match";

export interface ApplyRuleOptions {
  ctx: RequestCtx;
  projectSlug: string;
  ruleId: string;
}

/**
 * Makes a rule's filings of past evidence match the rule as it is now: evidence that matches gets
 * filed under the rule's controls; filings this rule made that no longer match are removed (filings
 * made by hand are never touched). Set-based SQL with the same glob semantics as rule-match.ts, so
 * it stays fast on a project with a million pieces of evidence.
 */
export async function applyRule({ ctx, projectSlug, ruleId }: ApplyRuleOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence-rule:manage" });
  return prisma.$transaction(
    async (tx) => {
      const rule = await tx.evidenceRule.findFirst({
        where: { id: ruleId, projectId: project.id },
        include: { controls: { select: { controlId: true } } },
      });
      if (!rule) throw new NotFoundError(`Project "${projectSlug}" has no rule ${ruleId}.`);
      const controlIds = rule.controls.map((c) => c.controlId);
      const match = rule.enabled
        ? matchSql(project.id, rule.kind, rule.format, rule.conditions as RuleConditions)
        : Prisma.sql`false`;
      const removed = await tx.$queryRaw<Array<{ evidenceId: string }>>`
        DELETE FROM "EvidenceControl" x
        WHERE x."ruleId" = ${rule.id} AND x.via = 'rule'
          AND (x."controlId" <> ALL(${controlIds}::text[]) OR NOT EXISTS (SELECT 1 FROM "Evidence" e WHERE e.id = x."evidenceId" AND ${match}))
        RETURNING x."evidenceId"`;
      const added = controlIds.length
        ? await tx.$queryRaw<Array<{ evidenceId: string }>>`
            INSERT INTO "EvidenceControl" ("evidenceId", "controlId", "projectId", kind, outcome, "effectiveAt", "collectedAt", via, "ruleId", "createdAt")
            SELECT e.id, c.id, e."projectId", e.kind, e.outcome, e."effectiveAt", e."collectedAt", 'rule', ${rule.id}, now()
            FROM "Evidence" e CROSS JOIN unnest(${controlIds}::text[]) AS c(id)
            WHERE ${match}
            ON CONFLICT ("evidenceId", "controlId") DO NOTHING
            RETURNING "evidenceId"`
        : [];
      await refreshExpiry(tx, [...new Set([...removed, ...added].map((r) => r.evidenceId))]);
      const matched = await tx.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM "Evidence" e WHERE ${match}`;
      const result = { matched: Number(matched[0].n), added: added.length, removed: removed.length };
      await recordActivity(tx, {
        ctx,
        action: "evidence_rule.apply",
        entityType: "EvidenceRule",
        entityId: rule.id,
        projectId: project.id,
        summary: { name: rule.name, ...result },
      });
      return result;
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}

function matchSql(
  projectId: string,
  kind: string | null,
  format: string | null,
  conditions: RuleConditions,
): Prisma.Sql {
  const parts = [Prisma.sql`e."projectId" = ${projectId}`];
  if (kind) parts.push(Prisma.sql`e.kind = ${kind}::"EvidenceKind"`);
  if (format) parts.push(Prisma.sql`e.format = ${format}`);
  for (const [attr, pattern] of Object.entries(conditions) as Array<[RuleAttribute, string | undefined]>) {
    if (pattern === undefined) continue;
    parts.push(Prisma.sql`e.${Prisma.raw(`"${RULE_ATTRIBUTES[attr]}"`)} LIKE ${globToLike(pattern)} ESCAPE '\\'`);
  }
  return Prisma.join(parts, " AND ");
}
