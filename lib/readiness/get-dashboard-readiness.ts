import type { RequestCtx } from "@/lib/auth/actor";
import { visibleProjects } from "@/lib/readiness/visible-projects";
import { dashboardDigests } from "@/lib/readiness/dashboard-digest";
import { TREND_DAYS } from "@/lib/readiness/run-daily-snapshots";
import { dayKey, utcDay } from "@/lib/readiness/snapshot-days";
import { cardHistories, type TrendPoint } from "@/lib/readiness/card-history";
import type { ControlState } from "@/lib/readiness/types";

export type { TrendPoint };

export interface ReadinessCard {
  project: { slug: string; name: string };
  framework: { key: string; name: string };
  score: number | null;
  met: number;
  applicable: number;
  unmet: number;
  controlCounts: Record<ControlState, number>;
  /** The score a week ago (from that day's snapshot, or the newest before it), and the change since. */
  lastWeek: { day: string; score: number | null } | null;
  change: number | null;
  /** The last 90 days: recorded snapshots, then today's figure as computed now. */
  trend: TrendPoint[];
}

export interface GetDashboardReadinessOptions {
  ctx: RequestCtx;
  now: Date;
  project?: string;
}

export async function getDashboardReadiness({
  ctx,
  now,
  project,
}: GetDashboardReadinessOptions): Promise<{ asOf: string; cards: ReadinessCard[] }> {
  const projects = await visibleProjects(ctx, now, project);
  const today = utcDay(now);
  const [computed, histories] = await Promise.all([
    dashboardDigests(ctx, projects, now),
    cardHistories(
      projects.map((p) => p.id),
      today,
      TREND_DAYS,
    ),
  ]);
  const cards: ReadinessCard[] = [];
  for (const { project: p, digest, view, at } of computed) {
    for (const fw of digest.frameworks) {
      // Snapshots are computed from all of a project's evidence, not one audit window's: an auditor
      // sees only the figure computed in their window, on the day it was computed for.
      const history = view ? undefined : histories.get(p.id)?.get(fw.frameworkId);
      const trend: TrendPoint[] = [
        ...(history?.trend ?? []),
        { day: dayKey(view ? utcDay(at) : today), score: fw.score, met: fw.met, applicable: fw.applicable },
      ];
      const lastWeek = history?.lastWeek ?? null;
      cards.push({
        project: { slug: p.slug, name: p.name },
        framework: { key: fw.key, name: fw.name },
        score: fw.score,
        met: fw.met,
        applicable: fw.applicable,
        unmet: fw.applicable - fw.met,
        controlCounts: fw.controlCounts,
        lastWeek,
        change: lastWeek && lastWeek.score !== null && fw.score !== null ? fw.score - lastWeek.score : null,
        trend,
      });
    }
  }
  return { asOf: now.toISOString(), cards };
}
