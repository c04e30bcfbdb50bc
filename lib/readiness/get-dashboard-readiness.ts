import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { visibleProjects } from "@/lib/readiness/visible-projects";
import { dashboardDigests } from "@/lib/readiness/dashboard-digest";
import { TREND_DAYS } from "@/lib/readiness/run-daily-snapshots";
import { DAY_MS, dayKey, utcDay } from "@/lib/readiness/snapshot-days";
import type { ControlState } from "@/lib/readiness/types";

export interface TrendPoint {
  day: string;
  score: number | null;
  met: number;
  applicable: number;
}

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
  const since = new Date(today.getTime() - (TREND_DAYS - 1) * DAY_MS);
  const weekAgo = new Date(today.getTime() - 7 * DAY_MS);
  const [computed, snapshots] = await Promise.all([
    dashboardDigests(ctx, projects, now),
    prisma.scoreSnapshot.findMany({
      where: {
        projectId: { in: projects.map((p) => p.id) },
        day: { gte: new Date(since.getTime() - 7 * DAY_MS), lt: today },
      },
      select: { projectId: true, frameworkId: true, day: true, score: true, met: true, applicable: true },
      orderBy: { day: "asc" },
    }),
  ]);
  const cards: ReadinessCard[] = [];
  for (const { project: p, digest, view, at } of computed) {
    for (const fw of digest.frameworks) {
      // Snapshots are computed from all of a project's evidence, not one audit window's: an auditor
      // sees only the figure computed in their window, on the day it was computed for.
      const history = view ? [] : snapshots.filter((s) => s.projectId === p.id && s.frameworkId === fw.frameworkId);
      const trend: TrendPoint[] = history
        .filter((s) => s.day.getTime() >= since.getTime())
        .map((s) => ({ day: dayKey(s.day), score: s.score, met: s.met, applicable: s.applicable }));
      trend.push({ day: dayKey(view ? utcDay(at) : today), score: fw.score, met: fw.met, applicable: fw.applicable });
      const before = history.filter((s) => s.day.getTime() <= weekAgo.getTime()).at(-1);
      const lastWeek = before ? { day: dayKey(before.day), score: before.score } : null;
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
