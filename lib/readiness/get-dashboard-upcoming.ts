import { z } from "zod";
import { prisma } from "@/lib/db";
import { Prisma } from "@/generated/prisma/client";
import type { RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { addDays, kindLabel, runbookDueAt } from "@/lib/readiness/evaluate-control";
import { links } from "@/lib/readiness/links";
import { dashboardDigests, type ExpiringEvidence } from "@/lib/readiness/dashboard-digest";
import { visibleProjects, type VisibleProject } from "@/lib/readiness/visible-projects";
import { exerciseScopeSql } from "@/lib/core/access/auditor-scope";

export interface UpcomingItem {
  /** "evidence" expires (its control turns stale then); "exercise" falls due. */
  type: "evidence" | "exercise";
  at: string;
  overdue: boolean;
  project: { slug: string; name: string };
  title: string;
  detail: string;
  href: string;
  key: string;
}

export interface GetDashboardUpcomingOptions {
  ctx: RequestCtx;
  now: Date;
  days: number;
  type: "evidence" | "exercise";
  project?: string;
  cursor?: string;
  limit: number;
}

const ZCursor = z.tuple([z.string(), z.string()]);

type Ordered = { at: string; key: string };
const byAtThenKey = (a: Ordered, b: Ordered) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key);
const pastCursor = <T extends Ordered>(rows: T[], after: [string, string] | null | undefined) =>
  after ? rows.filter((i) => i.at > after[0] || (i.at === after[0] && i.key > after[1])) : rows;

/**
 * Evidence whose freshness runs out in the next `days` (the newest passing evidence of each expected
 * kind, as the scoring module sees it, for kinds fresh for longer than `days`), or runbook exercises falling due in that time (overdue ones
 * first), soonest first, cursor-paginated.
 */
export async function getDashboardUpcoming({
  ctx,
  now,
  days,
  type,
  project,
  cursor,
  limit,
}: GetDashboardUpcomingOptions): Promise<Page<UpcomingItem> & { total: number }> {
  const projects = await visibleProjects(ctx, now, project);
  const horizon = addDays(now, days);
  const after = decodeCursor(cursor, ZCursor);
  if (type === "evidence") {
    // Each project's expiring evidence is kept soonest first (dashboard-digest.ts); only the rows of the page are built.
    const due: Array<{ at: string; key: string; project: VisibleProject; e: ExpiringEvidence }> = [];
    for (const { project: p, digest } of await dashboardDigests(ctx, projects, now)) {
      for (const e of digest.expiring) {
        if (e.expiresAt > horizon) break;
        // Evidence refreshed more often than the horizon (nightly backups, CI runs) is replaced by its
        // pipeline; if it is not, the control turns stale and shows as a holdback instead.
        if (e.freshnessDays <= days || e.expiresAt <= now) continue;
        due.push({ at: e.expiresAt.toISOString(), key: `${p.slug}/${e.controlKey}/${e.kind}`, project: p, e });
      }
    }
    due.sort(byAtThenKey);
    const page = pastCursor(due, after)
      .slice(0, limit + 1)
      .map(({ at, key, project: p, e }): UpcomingItem => ({
        type,
        at,
        overdue: false,
        project: { slug: p.slug, name: p.name },
        title: e.title,
        detail: `${e.controlKey} · ${kindLabel(e.kind)}`,
        href: links.evidenceItem(p.slug, e.evidenceId),
        key,
      }));
    return { total: due.length, ...toPage(page, limit, (last) => [last.at, last.key]) };
  }
  const items: UpcomingItem[] = [];
  const byId = new Map(projects.map((p) => [p.id, p]));
  for (const r of await scheduledRunbooksDueBy(ctx, projects, now, horizon)) {
    const dueAt = runbookDueAt({
      cadenceDays: r.cadenceDays,
      createdAt: r.createdAt,
      lastExercise: r.last ? { performedAt: r.last } : null,
    });
    if (!dueAt || dueAt > horizon) continue;
    const p = byId.get(r.projectId)!;
    items.push({
      type,
      at: dueAt.toISOString(),
      overdue: dueAt <= now,
      project: { slug: p.slug, name: p.name },
      title: r.title,
      detail: r.last
        ? `every ${r.cadenceDays} days; last exercised ${r.last.toISOString().slice(0, 10)}`
        : `every ${r.cadenceDays} days; never exercised`,
      href: links.runbook(p.slug, r.id),
      key: `${p.slug}/${r.key}`,
    });
  }
  items.sort(byAtThenKey);
  return {
    total: items.length,
    ...toPage(pastCursor(items, after).slice(0, limit + 1), limit, (last) => [last.at, last.key]),
  };
}

interface ScheduledRunbook {
  id: string;
  key: string;
  title: string;
  cadenceDays: number;
  createdAt: Date;
  projectId: string;
  /** The last exercise performed by now that the actor may see. */
  last: Date | null;
}

/**
 * The scheduled (cadence set, not archived) runbooks of these projects whose next exercise falls due by
 * `horizon`, each with its last exercise by now, in one read: the due date is narrowed in PostgreSQL
 * with runbookDueAt's rule (cadence days after the last exercise, or after creation), so only the rows
 * the widget shows leave the database; the caller still dates each with runbookDueAt. (With Prisma this
 * was two reads that sent every scheduled runbook and its last exercise to the server, about a third of
 * the request's work on 20 projects.)
 */
async function scheduledRunbooksDueBy(
  ctx: RequestCtx,
  projects: VisibleProject[],
  now: Date,
  horizon: Date,
): Promise<ScheduledRunbook[]> {
  if (!projects.length) return [];
  const scope = await exerciseScopeSql(ctx.actor, now, {
    performedAt: Prisma.sql`x."performedAt"`,
    projectId: Prisma.sql`r."projectId"`,
  });
  return prisma.$queryRaw<ScheduledRunbook[]>`
    SELECT r.id, r.key, r.title, r."cadenceDays", r."createdAt", r."projectId", l.last
    FROM "Runbook" r
    LEFT JOIN LATERAL (
      SELECT max(x."performedAt") AS last FROM "RunbookExercise" x
      WHERE x."runbookId" = r.id AND x."performedAt" <= ${now} AND ${scope}
    ) l ON TRUE
    WHERE r."projectId" = ANY(${projects.map((p) => p.id)}::text[])
      AND r."archivedAt" IS NULL AND r."cadenceDays" IS NOT NULL
      AND coalesce(l.last, r."createdAt") + r."cadenceDays" * interval '1 day' <= ${horizon}`;
}
