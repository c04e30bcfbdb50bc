import type { RequestCtx } from "@/lib/auth/actor";
import { dashboardDigests } from "@/lib/readiness/dashboard-digest";
import { holdbackSentence } from "@/lib/readiness/holdbacks";
import { links, reasonHref } from "@/lib/readiness/links";
import { visibleProjects } from "@/lib/readiness/visible-projects";

export interface DashboardHoldback {
  severity: "failing" | "stale";
  sentence: string;
  href: string;
  controls: { count: number; href: string };
  requirements: Array<{ framework: string; refId: string; href: string }>;
}

export interface ProjectHoldbacks {
  project: { slug: string; name: string };
  /** How many causes there are in all; `items` holds the first `limit` of them. */
  total: number;
  items: DashboardHoldback[];
}

export interface GetDashboardHoldbacksOptions {
  ctx: RequestCtx;
  now: Date;
  project?: string;
  /** Causes shown per project. */
  limit: number;
}

/**
 * What holds readiness back in each visible project (or one), ranked (failing first, then by the
 * unmet requirements each cause holds back), each cause with links to what it is about. Only the
 * causes shown are worded and linked.
 */
export async function getDashboardHoldbacks({
  ctx,
  now,
  project,
  limit,
}: GetDashboardHoldbacksOptions): Promise<{ projects: ProjectHoldbacks[] }> {
  const digests = await dashboardDigests(ctx, await visibleProjects(ctx, now, project), now);
  return {
    projects: digests.map(({ project: p, digest, at }) => {
      const ranked = digest.holdbacks;
      return {
        project: { slug: p.slug, name: p.name },
        total: ranked.length,
        items: ranked.slice(0, limit).map((h) => ({
          severity: h.severity,
          sentence: holdbackSentence(h, at),
          href: reasonHref(p.slug, h.reason, h.controls[0].key),
          controls: {
            count: h.controls.length,
            href:
              h.controls.length === 1
                ? links.control(h.controls[0].key)
                : links.readinessControls(p.slug, { cause: h.causeKey }),
          },
          requirements: h.requirements.map((r) => ({ ...r, href: links.requirement(p.slug, r.framework, r.refId) })),
        })),
      };
    }),
  };
}
