import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { PopulationKind, TPopulationFilter } from "@/lib/schemas/audit";

// The four kinds of population, each as SQL over the audit's projects and window, ordered by a
// stable key (the event time, then the row id). Size, digest, member pages and sample members all
// come from the same definition, so they always agree.

export interface PopulationScope {
  projectIds: string[];
  windowStart: Date;
  windowEnd: Date;
}

interface KindSql {
  /** FROM ... WHERE ...: the population's rows. */
  from: Prisma.Sql;
  /** The event time column (first part of the stable order). */
  at: Prisma.Sql;
  /** The row id (second part of the stable order). */
  tie: Prisma.Sql;
  /** The row id as text: the member's key. */
  key: Prisma.Sql;
  /** The columns shown and exported for a member. */
  columns: Prisma.Sql;
}

export const POPULATION_LABELS: Record<PopulationKind, string> = {
  "merged-prs": "Merged pull requests",
  "main-ci-runs": "CI runs on the main branch",
  "restore-drills": "Restore drills",
  "audit-events": "Audit-log events",
};

/** The member columns, by kind, in CSV order (after "position" and "key"). */
export const MEMBER_COLUMNS: Record<PopulationKind, string[]> = {
  "merged-prs": ["project", "repo", "number", "title", "author", "merged_at", "base_branch", "url"],
  "main-ci-runs": ["project", "title", "outcome", "effective_at", "branch", "workflow", "commit", "run_url", "sha256"],
  "restore-drills": [
    "project",
    "runbook",
    "performed_at",
    "outcome",
    "rto_seconds",
    "rto_target_seconds",
    "rpo_seconds",
    "rpo_target_seconds",
  ],
  "audit-events": ["project", "occurred_at", "actor", "action", "target", "outcome", "source", "line"],
};

function kindSql(filter: TPopulationFilter, scope: PopulationScope): KindSql {
  const { projectIds, windowStart: start, windowEnd: end } = scope;
  switch (filter.kind) {
    case "merged-prs":
      return {
        from: Prisma.sql`FROM "PullRequest" m JOIN "Project" p ON p.id = m."projectId"
          WHERE m."projectId" = ANY(${projectIds}) AND m."mergedAt" IS NOT NULL AND m."mergedAt" >= ${start} AND m."mergedAt" <= ${end}
          ${filter.repo ? Prisma.sql`AND m.repo = ${filter.repo}` : Prisma.empty}
          ${filter.baseBranch ? Prisma.sql`AND m."baseBranch" = ${filter.baseBranch}` : Prisma.empty}`,
        at: Prisma.sql`m."mergedAt"`,
        tie: Prisma.sql`m.id`,
        key: Prisma.sql`m.id`,
        columns: Prisma.sql`p.slug AS project, m.repo, m.number, m.title, m.author, m."mergedAt" AS merged_at, m."baseBranch" AS base_branch, m.url`,
      };
    case "main-ci-runs":
      return {
        from: Prisma.sql`FROM "Evidence" m JOIN "Project" p ON p.id = m."projectId"
          WHERE m."projectId" = ANY(${projectIds}) AND m.kind = 'CI_RUN' AND m."sourceBranch" = ${filter.branch}
          AND m."effectiveAt" >= ${start} AND m."effectiveAt" <= ${end}
          ${filter.workflow ? Prisma.sql`AND m."sourceWorkflow" = ${filter.workflow}` : Prisma.empty}`,
        at: Prisma.sql`m."effectiveAt"`,
        tie: Prisma.sql`m.id`,
        key: Prisma.sql`m.id`,
        columns: Prisma.sql`p.slug AS project, m.title, m.outcome::text AS outcome, m."effectiveAt" AS effective_at, m."sourceBranch" AS branch,
          m."sourceWorkflow" AS workflow, m."sourceCommit" AS commit, m."sourceRunUrl" AS run_url, m.sha256`,
      };
    case "restore-drills":
      return {
        from: Prisma.sql`FROM "RunbookExercise" m JOIN "Runbook" r ON r.id = m."runbookId" JOIN "Project" p ON p.id = r."projectId"
          WHERE r."projectId" = ANY(${projectIds}) AND m."performedAt" >= ${start} AND m."performedAt" <= ${end}
          ${filter.runbookKey ? Prisma.sql`AND r.key = ${filter.runbookKey}` : Prisma.empty}`,
        at: Prisma.sql`m."performedAt"`,
        tie: Prisma.sql`m.id`,
        key: Prisma.sql`m.id`,
        columns: Prisma.sql`p.slug AS project, r.key AS runbook, m."performedAt" AS performed_at, m.outcome::text AS outcome,
          m."measuredRtoSeconds" AS rto_seconds, r."rtoTargetSeconds" AS rto_target_seconds, m."measuredRpoSeconds" AS rpo_seconds, r."rpoTargetSeconds" AS rpo_target_seconds`,
      };
    case "audit-events": {
      const action = filter.action?.endsWith("*")
        ? Prisma.sql`AND m.action LIKE ${`${filter.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`
        : filter.action
          ? Prisma.sql`AND m.action = ${filter.action}`
          : Prisma.empty;
      return {
        from: Prisma.sql`FROM "AuditEvent" m JOIN "Project" p ON p.id = m."projectId"
          WHERE m."projectId" = ANY(${projectIds}) AND m."occurredAt" >= ${start} AND m."occurredAt" <= ${end}
          ${action}
          ${filter.actor ? Prisma.sql`AND m.actor = ${filter.actor}` : Prisma.empty}
          ${filter.outcome ? Prisma.sql`AND m.outcome = ${filter.outcome}` : Prisma.empty}`,
        at: Prisma.sql`m."occurredAt"`,
        tie: Prisma.sql`m.id`,
        key: Prisma.sql`m.id::text`,
        columns: Prisma.sql`p.slug AS project, m."occurredAt" AS occurred_at, m.actor, m.action, m.target, m.outcome, m.source, m."lineNo" AS line`,
      };
    }
  }
}

/** Size and digest (sha256 over the members' keys in order, one per line) of a population. */
export async function populationSizeAndDigest(
  db: Db,
  filter: TPopulationFilter,
  scope: PopulationScope,
): Promise<{ size: number; digest: string }> {
  const k = kindSql(filter, scope);
  const [row] = await db.$queryRaw<Array<{ size: number; digest: string }>>`
    SELECT count(*)::int AS size,
      encode(sha256(convert_to(coalesce(string_agg(${k.key}, E'\n' ORDER BY ${k.at}, ${k.tie}), ''), 'UTF8')), 'hex') AS digest
    ${k.from}`;
  return row;
}

export type MemberRow = Record<string, unknown> & { key: string; position: number };

/** The members at the given 0-based positions of the stable order, returned in the order asked. */
export async function membersAt(
  db: Db,
  filter: TPopulationFilter,
  scope: PopulationScope,
  positions: number[],
): Promise<MemberRow[]> {
  if (!positions.length) return [];
  const k = kindSql(filter, scope);
  const rows = await db.$queryRaw<MemberRow[]>`
    SELECT * FROM (
      SELECT (row_number() OVER (ORDER BY ${k.at}, ${k.tie}) - 1)::int AS position, ${k.key} AS key, ${k.columns} ${k.from}
    ) t WHERE t.position = ANY(${positions}::int[])`;
  const byPosition = new Map(rows.map((r) => [r.position, r]));
  return positions.map((p) => byPosition.get(p)).filter((r): r is MemberRow => !!r);
}

/** A page of members in the stable order, after a given (time, key) position. */
export async function memberPage(
  db: Db,
  filter: TPopulationFilter,
  scope: PopulationScope,
  after: { at: Date; key: string; position: number } | undefined,
  limit: number,
): Promise<Array<MemberRow & { at: Date }>> {
  const k = kindSql(filter, scope);
  const from = after ? after.position + 1 : 0;
  const tie =
    filter.kind === "audit-events" ? Prisma.sql`${after?.key ?? "0"}::bigint` : Prisma.sql`${after?.key ?? ""}`;
  const rows = await db.$queryRaw<Array<MemberRow & { at: Date }>>`
    SELECT ${k.at} AS at, ${k.key} AS key, ${k.columns} ${k.from}
    ${after ? Prisma.sql`AND (${k.at}, ${k.tie}) > (${after.at}, ${tie})` : Prisma.empty}
    ORDER BY ${k.at}, ${k.tie} LIMIT ${limit}`;
  return rows.map((r, i) => ({ ...r, position: from + i }));
}

/** Members by key (with their current position in the stable order), in the order of `keys`. */
export async function membersByKey(
  db: Db,
  filter: TPopulationFilter,
  scope: PopulationScope,
  keys: string[],
): Promise<MemberRow[]> {
  if (!keys.length) return [];
  const k = kindSql(filter, scope);
  const rows = await db.$queryRaw<MemberRow[]>`
    SELECT * FROM (
      SELECT (row_number() OVER (ORDER BY ${k.at}, ${k.tie}) - 1)::int AS position, ${k.key} AS key, ${k.columns} ${k.from}
    ) t WHERE t.key = ANY(${keys}::text[])`;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return keys.map((key) => byKey.get(key)).filter((r): r is MemberRow => !!r);
}
