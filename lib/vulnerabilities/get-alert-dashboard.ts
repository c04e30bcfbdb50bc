import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { resolveProject } from "@/lib/core/access/resolve-project";
import { auditorView, isPointInTime } from "@/lib/core/access/auditor-scope";
import { DAY_MS } from "@/lib/core/time";
import { ALERT_SEVERITIES, type AlertSeverity } from "@/lib/ingest/github-alerts";
import { DEFAULT_POLICY, deadlineDaysSql } from "@/lib/vulnerabilities/deadlines";

export interface GetAlertDashboardOptions {
  ctx: RequestCtx;
  projectSlug: string;
  now: Date;
}

/** Open alerts listed on the dashboard: at most this many, soonest deadline first (the counts cover all). */
export const OPEN_ALERTS_SHOWN = 200;
export const TIME_TO_FIX_WINDOW_DAYS = 90;

export interface OpenAlertRow {
  id: string;
  source: string;
  repo: string;
  number: number;
  severity: AlertSeverity;
  title: string;
  url: string | null;
  openedAt: Date;
  deadlineDays: number;
  dueAt: Date;
  ageDays: number;
  overdue: boolean;
}

export interface TimeToFixRow {
  severity: AlertSeverity;
  fixed: number;
  medianDays: number | null;
  meanDays: number | null;
  withinDeadline: number;
}

/**
 * The security alerts dashboard: alerts open now with their age against their deadline, counts of open
 * and overdue alerts per severity, and time to fix per severity for alerts fixed in the last 90 days
 * (dismissed and resolved alerts are counted apart: they were closed, not fixed). An auditor sees it as of
 * the moment of their audit's window (ADR 0011), the same moment readiness is computed for them, and the
 * time-to-fix figures from inside that window only.
 */
export async function getAlertDashboard({ ctx, projectSlug, now }: GetAlertDashboardOptions) {
  const project = await resolveProject({ ctx, slug: projectSlug, permission: "evidence:read" });
  const view = await auditorView(ctx.actor, project.id, now, now);
  const at = view?.at ?? now;
  const policy =
    (await prisma.remediationPolicy.findUnique({
      where: { projectId: project.id },
      select: { criticalDays: true, highDays: true, mediumDays: true, lowDays: true },
    })) ?? DEFAULT_POLICY;
  const ninetyDays = at.getTime() - TIME_TO_FIX_WINDOW_DAYS * DAY_MS;
  const since = new Date(
    view && !isPointInTime(view.window) ? Math.max(ninetyDays, view.window.start.getTime()) : ninetyDays,
  );
  const days = deadlineDaysSql("a", "rp");
  const age = Prisma.sql`EXTRACT(EPOCH FROM (a."closedAt" - a."openedAt")) / 86400.0`;
  const [open, counts, fixes, closedOtherwise] = await Promise.all([
    prisma.$queryRaw<Array<Omit<OpenAlertRow, "ageDays" | "overdue">>>`
      SELECT a.id, a.source, a.repo, a.number, a.severity, a.title, a.url, a."openedAt", d.days AS "deadlineDays", a."openedAt" + make_interval(days => d.days) AS "dueAt"
      FROM "SecurityAlert" a LEFT JOIN "RemediationPolicy" rp ON rp."projectId" = a."projectId"
      CROSS JOIN LATERAL (SELECT ${days} AS days) d
      WHERE a."projectId" = ${project.id} AND a."openedAt" <= ${at} AND (a."closedAt" IS NULL OR a."closedAt" > ${at})
      ORDER BY "dueAt", a.id
      LIMIT ${OPEN_ALERTS_SHOWN}`,
    prisma.$queryRaw<Array<{ severity: string; open: number; overdue: number }>>`
      SELECT a.severity, count(*)::int AS open, count(*) FILTER (WHERE a."openedAt" + make_interval(days => d.days) <= ${at})::int AS overdue
      FROM "SecurityAlert" a LEFT JOIN "RemediationPolicy" rp ON rp."projectId" = a."projectId"
      CROSS JOIN LATERAL (SELECT ${days} AS days) d
      WHERE a."projectId" = ${project.id} AND a."openedAt" <= ${at} AND (a."closedAt" IS NULL OR a."closedAt" > ${at})
      GROUP BY a.severity`,
    prisma.$queryRaw<
      Array<{
        severity: string;
        fixed: number;
        medianDays: number | null;
        meanDays: number | null;
        withinDeadline: number;
      }>
    >`
      SELECT a.severity, count(*)::int AS fixed,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ${age})::float8 AS "medianDays",
             avg(${age})::float8 AS "meanDays",
             count(*) FILTER (WHERE a."closedAt" <= a."openedAt" + make_interval(days => d.days))::int AS "withinDeadline"
      FROM "SecurityAlert" a LEFT JOIN "RemediationPolicy" rp ON rp."projectId" = a."projectId"
      CROSS JOIN LATERAL (SELECT ${days} AS days) d
      WHERE a."projectId" = ${project.id} AND a.state = 'fixed' AND a."closedAt" > ${since} AND a."closedAt" <= ${at}
      GROUP BY a.severity`,
    prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "SecurityAlert" a
      WHERE a."projectId" = ${project.id} AND a.state <> 'fixed' AND a."closedAt" > ${since} AND a."closedAt" <= ${at}`,
  ]);
  const bySeverity = <T extends { severity: string }>(rows: T[]) => new Map(rows.map((r) => [r.severity, r]));
  const c = bySeverity(counts);
  const f = bySeverity(fixes);
  const round = (v: number | null | undefined) => (v == null ? null : Math.round(v * 10) / 10);
  return {
    project: { slug: project.slug, name: project.name },
    at,
    policy,
    openAlerts: open.map((a) => ({
      ...a,
      severity: a.severity as AlertSeverity,
      ageDays: Math.floor((at.getTime() - a.openedAt.getTime()) / DAY_MS),
      overdue: a.dueAt.getTime() <= at.getTime(),
    })),
    openAlertsOmitted: Math.max(0, counts.reduce((n, r) => n + r.open, 0) - open.length),
    bySeverity: ALERT_SEVERITIES.map((severity) => ({
      severity,
      open: c.get(severity)?.open ?? 0,
      overdue: c.get(severity)?.overdue ?? 0,
    })),
    timeToFix: {
      windowDays: TIME_TO_FIX_WINDOW_DAYS,
      bySeverity: ALERT_SEVERITIES.map((severity): TimeToFixRow => {
        const r = f.get(severity);
        return {
          severity,
          fixed: r?.fixed ?? 0,
          medianDays: round(r?.medianDays),
          meanDays: round(r?.meanDays),
          withinDeadline: r?.withinDeadline ?? 0,
        };
      }),
      closedWithoutFix: closedOtherwise[0]?.n ?? 0,
    },
  };
}
