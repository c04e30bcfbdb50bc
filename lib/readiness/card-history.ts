// The past part of the dashboard cards: each framework's daily snapshots of the last TREND_DAYS days
// (the trend before today) and the score a week ago. Snapshots change once a day (the daily job) or
// when history is filled in, yet the cards are read on every dashboard view, so each project's history
// is kept in this process and reused while its snapshots are unchanged.
//
// "Unchanged" is checked on every read by one query that returns, per project, a digest of exactly the
// snapshot fields the history is made of (framework, day, score, met, applicable) over the window in
// use. So a kept history is reused only when it would be rebuilt the same, whoever wrote the rows (the
// worker, another web server, a seed), and no snapshot row is sent to or parsed by this process. The
// digest is the sum of each row's 64-bit hash: it needs no sorting, and cost PostgreSQL a third of an
// md5 over the rows in order (2.5 against 0.85 ms for 20 projects, on every dashboard view); a change
// goes unseen only if it leaves that sum exactly as it was.
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import { DAY_MS, dayKey } from "@/lib/readiness/snapshot-days";

export interface TrendPoint {
  day: string;
  score: number | null;
  met: number;
  applicable: number;
}

export interface FrameworkHistory {
  /** The recorded snapshots inside the trend window, oldest first (today's figure is not among them). */
  trend: readonly TrendPoint[];
  /** The snapshot of a week ago, or the newest before it. */
  lastWeek: { day: string; score: number | null } | null;
}

/** One project's history, by framework id. A framework with no snapshot has none. */
export type ProjectHistory = ReadonlyMap<string, FrameworkHistory>;

interface Kept {
  /** The window the history was built for: [from, today). */
  from: string;
  today: string;
  stamp: string;
  history: ProjectHistory;
}

const KEPT = new Map<string, Kept>();
const KEPT_MAX = 512;
const NONE: ProjectHistory = new Map();

/**
 * The history of each project (by project id) for the `trendDays` days before `today` (a UTC midnight),
 * with a week ago measured from `today`.
 */
export async function cardHistories(
  projectIds: string[],
  today: Date,
  trendDays: number,
): Promise<Map<string, ProjectHistory>> {
  const out = new Map<string, ProjectHistory>();
  if (!projectIds.length) return out;
  const since = new Date(today.getTime() - (trendDays - 1) * DAY_MS);
  const weekAgo = new Date(today.getTime() - 7 * DAY_MS);
  // Read from a week before the window, so that a week ago has a value on the window's first day.
  const from = new Date(Math.min(since.getTime(), weekAgo.getTime()) - 7 * DAY_MS);
  const fromKey = dayKey(from);
  const todayKey = dayKey(today);
  const stamps = await prisma.$queryRaw<Array<{ id: string; stamp: string }>>`
    SELECT "projectId" AS id,
           sum(hashtextextended(concat_ws(' ', "frameworkId", day, score, met, applicable), 0))::text AS stamp
    FROM "ScoreSnapshot"
    WHERE "projectId" = ANY(${projectIds}::text[]) AND day >= ${fromKey}::date AND day < ${todayKey}::date
    GROUP BY "projectId"`;
  const stampOf = new Map(stamps.map((s) => [s.id, s.stamp]));
  const stale: string[] = [];
  for (const id of projectIds) {
    const stamp = stampOf.get(id);
    if (stamp === undefined) {
      out.set(id, NONE);
      continue;
    }
    const kept = KEPT.get(id);
    if (kept && kept.stamp === stamp && kept.from === fromKey && kept.today === todayKey) out.set(id, kept.history);
    else stale.push(id);
  }
  if (!stale.length) return out;
  const rows = await prisma.$queryRaw<
    Array<{
      projectId: string;
      frameworkId: string;
      day: string;
      score: number | null;
      met: number;
      applicable: number;
    }>
  >(Prisma.sql`
    SELECT "projectId", "frameworkId", to_char(day, 'YYYY-MM-DD') AS day, score, met, applicable
    FROM "ScoreSnapshot"
    WHERE "projectId" = ANY(${stale}::text[]) AND day >= ${fromKey}::date AND day < ${todayKey}::date
    ORDER BY "projectId", "frameworkId", day`);
  const sinceKey = dayKey(since);
  const weekAgoKey = dayKey(weekAgo);
  const built = new Map<string, Map<string, { trend: TrendPoint[]; lastWeek: FrameworkHistory["lastWeek"] }>>();
  for (const r of rows) {
    let project = built.get(r.projectId);
    if (!project) built.set(r.projectId, (project = new Map()));
    let fw = project.get(r.frameworkId);
    if (!fw) project.set(r.frameworkId, (fw = { trend: [], lastWeek: null }));
    // Days are YYYY-MM-DD, so they compare as strings.
    if (r.day >= sinceKey) fw.trend.push({ day: r.day, score: r.score, met: r.met, applicable: r.applicable });
    if (r.day <= weekAgoKey) fw.lastWeek = { day: r.day, score: r.score };
  }
  for (const id of stale) {
    const history: ProjectHistory = built.get(id) ?? NONE;
    out.set(id, history);
    KEPT.delete(id);
    KEPT.set(id, { from: fromKey, today: todayKey, stamp: stampOf.get(id)!, history });
    if (KEPT.size > KEPT_MAX) KEPT.delete(KEPT.keys().next().value!);
  }
  return out;
}
