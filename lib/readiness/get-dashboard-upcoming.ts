import { z } from "zod";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { decodeCursor, toPage, type Page } from "@/lib/pagination";
import { addDays, kindLabel, runbookDueAt } from "@/lib/readiness/evaluate-control";
import { links } from "@/lib/readiness/links";
import { readinessOfProjects, visibleProjects } from "@/lib/readiness/visible-projects";
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

/**
 * Evidence whose freshness runs out in the next `days` (the newest passing evidence of each expected
 * kind, as the scoring module sees it, for kinds fresh for longer than `days`), or runbook exercises falling due in that time (overdue ones
 * first), soonest first, cursor-paginated.
 */
export async function getDashboardUpcoming({ ctx, now, days, type, project, cursor, limit }: GetDashboardUpcomingOptions): Promise<Page<UpcomingItem> & { total: number }> {
  const projects = await visibleProjects(ctx, now, project);
  const horizon = addDays(now, days);
  const items: UpcomingItem[] = [];
  if (type === "evidence") {
    for (const { project: p, result } of await readinessOfProjects(ctx, projects, now)) {
      for (const c of result.controls) {
        if (c.state === "not_applicable") continue;
        for (const e of c.expectations) {
          const l = e.latest;
          // Evidence refreshed more often than the horizon (nightly backups, CI runs) is replaced by its
          // pipeline; if it is not, the control turns stale and shows as a holdback instead.
          if (!l || l.outcome === "FAIL" || e.freshnessDays <= days || l.expiresAt <= now || l.expiresAt > horizon) continue;
          items.push({
            type,
            at: l.expiresAt.toISOString(),
            overdue: false,
            project: { slug: p.slug, name: p.name },
            title: l.title,
            detail: `${c.key} · ${kindLabel(e.kind)}`,
            href: links.evidenceItem(p.slug, l.evidenceId),
            key: `${p.slug}/${c.key}/${e.kind}`,
          });
        }
      }
    }
  } else {
    const runbooks = await prisma.runbook.findMany({
      where: { projectId: { in: projects.map((p) => p.id) }, archivedAt: null, cadenceDays: { not: null } },
      select: {
        id: true,
        key: true,
        title: true,
        cadenceDays: true,
        createdAt: true,
        projectId: true,
        exercises: { where: { AND: [{ performedAt: { lte: now } }, await exerciseScopeWhere(ctx.actor, now)] }, orderBy: { performedAt: "desc" }, take: 1, select: { performedAt: true } },
      },
    });
    const byId = new Map(projects.map((p) => [p.id, p]));
    for (const r of runbooks) {
      const last = r.exercises[0]?.performedAt ?? null;
      const dueAt = runbookDueAt({ cadenceDays: r.cadenceDays, createdAt: r.createdAt, lastExercise: last ? { performedAt: last } : null })!;
      if (dueAt > horizon) continue;
      const p = byId.get(r.projectId)!;
      items.push({
        type,
        at: dueAt.toISOString(),
        overdue: dueAt <= now,
        project: { slug: p.slug, name: p.name },
        title: r.title,
        detail: last ? `every ${r.cadenceDays} days; last exercised ${last.toISOString().slice(0, 10)}` : `every ${r.cadenceDays} days; never exercised`,
        href: links.runbook(p.slug, r.id),
        key: `${p.slug}/${r.key}`,
      });
    }
  }
  items.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  const after = decodeCursor(cursor, ZCursor);
  const rest = after ? items.filter((i) => i.at > after[0] || (i.at === after[0] && i.key > after[1])) : items;
  return { total: items.length, ...toPage(rest.slice(0, limit + 1), limit, (last) => [last.at, last.key]) };
}
