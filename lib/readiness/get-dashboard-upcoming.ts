import { z } from "zod";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { addDays, kindLabel, runbookDueAt } from "@/lib/readiness/evaluate-control";
import { links } from "@/lib/readiness/links";
import { dashboardDigests, type ExpiringEvidence } from "@/lib/readiness/dashboard-digest";
import { visibleProjects, type VisibleProject } from "@/lib/readiness/visible-projects";
import { exerciseScopeWhere } from "@/lib/core/access/auditor-scope";

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
  {
    // Two flat reads: the runbooks, and each one's last exercise as one aggregate in PostgreSQL (a
    // nested `take: 1` read every exercise of every runbook into the server, to keep one of each).
    const scheduled = {
      projectId: { in: projects.map((p) => p.id) },
      archivedAt: null,
      cadenceDays: { not: null },
    } satisfies Prisma.RunbookWhereInput;
    const scope = await exerciseScopeWhere(ctx.actor, now);
    const [runbooks, lastExercises] = await Promise.all([
      prisma.runbook.findMany({
        where: scheduled,
        select: { id: true, key: true, title: true, cadenceDays: true, createdAt: true, projectId: true },
      }),
      prisma.runbookExercise.groupBy({
        by: ["runbookId"],
        where: { AND: [{ performedAt: { lte: now } }, { runbook: scheduled }, scope] },
        _max: { performedAt: true },
      }),
    ]);
    const lastById = new Map(lastExercises.map((e) => [e.runbookId, e._max.performedAt]));
    const byId = new Map(projects.map((p) => [p.id, p]));
    for (const r of runbooks) {
      const last = lastById.get(r.id) ?? null;
      const dueAt = runbookDueAt({
        cadenceDays: r.cadenceDays,
        createdAt: r.createdAt,
        lastExercise: last ? { performedAt: last } : null,
      })!;
      if (dueAt > horizon) continue;
      const p = byId.get(r.projectId)!;
      items.push({
        type,
        at: dueAt.toISOString(),
        overdue: dueAt <= now,
        project: { slug: p.slug, name: p.name },
        title: r.title,
        detail: last
          ? `every ${r.cadenceDays} days; last exercised ${last.toISOString().slice(0, 10)}`
          : `every ${r.cadenceDays} days; never exercised`,
        href: links.runbook(p.slug, r.id),
        key: `${p.slug}/${r.key}`,
      });
    }
  }
  items.sort(byAtThenKey);
  return {
    total: items.length,
    ...toPage(pastCursor(items, after).slice(0, limit + 1), limit, (last) => [last.at, last.key]),
  };
}
