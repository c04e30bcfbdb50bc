// What the dashboard's widgets need from each visible project's readiness, derived once from
// computeReadiness' answer: the frameworks' figures (cards), the ranked holdbacks, and the evidence
// that will expire (upcoming). The cards, holdbacks and upcoming endpoints all read this, so one view
// of the dashboard asks computeReadiness once per project, and each request at most once.
//
// A digest derived from the readiness store's answer is kept in this process for as long as that
// answer holds (same generations, `at` inside [from, until): readiness-store.ts), so later requests
// cost one query for all projects' generations and no parsing or copying of answers. An auditor's
// digest (computed in their audit's window) and any digest with the store off are never kept.
import type { RequestCtx } from "@/lib/auth/actor";
import type { EvidenceKind } from "@/generated/prisma/client";
import { isAuditorActor } from "@/lib/core/access/auditor-scope";
import { computeReadiness, validityOf } from "@/lib/readiness/compute-readiness";
import { rankHoldbacks, type Holdback } from "@/lib/readiness/holdbacks";
import { holdsAt, readGenerations, type StoreGenerations, type StoreValidity } from "@/lib/readiness/readiness-store";
import { readinessStoreEnabled } from "@/lib/readiness/store-switch";
import type { FrameworkResult, ReadinessResult } from "@/lib/readiness/types";
import type { VisibleProject } from "@/lib/readiness/visible-projects";

export type FrameworkFigures = Pick<
  FrameworkResult,
  "frameworkId" | "key" | "name" | "score" | "met" | "applicable" | "controlCounts"
>;

/** The newest passing (or partial) evidence of an expected kind, and when it stops counting. */
export interface ExpiringEvidence {
  expiresAt: Date;
  freshnessDays: number;
  title: string;
  evidenceId: string;
  controlKey: string;
  kind: EvidenceKind;
}

export interface DashboardDigest {
  frameworks: FrameworkFigures[];
  /** Ranked as rankHoldbacks ranks them; word each with holdbackSentence for the moment shown. */
  holdbacks: Holdback[];
  /** Soonest first. */
  expiring: ExpiringEvidence[];
}

export interface ProjectDigest {
  project: VisibleProject;
  digest: DashboardDigest;
  /** The moment the figures are for: `now`, or inside an auditor's window. */
  at: Date;
  /** True when an auditor asked: the figures are their audit window's. */
  view: boolean;
}

/** Pure: the widgets' part of one answer. */
export function digestReadiness(result: ReadinessResult): DashboardDigest {
  const expiring: ExpiringEvidence[] = [];
  for (const c of result.controls) {
    if (c.state === "not_applicable") continue;
    for (const e of c.expectations) {
      const l = e.latest;
      if (!l || l.outcome === "FAIL") continue;
      expiring.push({
        expiresAt: l.expiresAt,
        freshnessDays: e.freshnessDays,
        title: l.title,
        evidenceId: l.evidenceId,
        controlKey: c.key,
        kind: e.kind,
      });
    }
  }
  expiring.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  return {
    frameworks: result.frameworks.map((fw) => ({
      frameworkId: fw.frameworkId,
      key: fw.key,
      name: fw.name,
      score: fw.score,
      met: fw.met,
      applicable: fw.applicable,
      controlCounts: fw.controlCounts,
    })),
    holdbacks: rankHoldbacks(result),
    expiring,
  };
}

interface Kept extends StoreValidity {
  digest: DashboardDigest;
}
const KEPT = new Map<string, Kept>();
const KEPT_MAX = 512;
/** Projects computed at once on a miss (each computation is a handful of queries). */
const PARALLEL = 4;

/**
 * The digest of each project (in the order given) for the moment `now`: kept ones after one query for
 * all projects' generations, the rest through computeReadiness (which reads or fills the store).
 */
export async function dashboardDigests(
  ctx: RequestCtx,
  projects: VisibleProject[],
  now: Date,
): Promise<ProjectDigest[]> {
  const keep = readinessStoreEnabled() && !isAuditorActor(ctx.actor);
  const current: Map<string, StoreGenerations> =
    keep && projects.length ? await readGenerations(projects.map((p) => p.id)) : new Map();
  const out: Array<ProjectDigest | undefined> = projects.map((project) => {
    const kept = keep ? KEPT.get(project.id) : undefined;
    return kept && holdsAt(kept, current.get(project.id), now)
      ? { project, digest: kept.digest, at: now, view: false }
      : undefined;
  });
  const missing = projects.flatMap((p, i) => (out[i] ? [] : [i]));
  for (let i = 0; i < missing.length; i += PARALLEL) {
    await Promise.all(
      missing.slice(i, i + PARALLEL).map(async (index) => {
        const project = projects[index];
        const { result, view } = await computeReadiness({ ctx, projectId: project.id, at: now, now, readOnly: true });
        const validity = validityOf(result);
        const digest = digestReadiness(result);
        if (keep && validity && !view) {
          KEPT.delete(project.id);
          KEPT.set(project.id, { ...validity, digest });
          if (KEPT.size > KEPT_MAX) KEPT.delete(KEPT.keys().next().value!);
        }
        out[index] = { project, digest, at: result.at, view: Boolean(view) };
      }),
    );
  }
  return out as ProjectDigest[];
}
