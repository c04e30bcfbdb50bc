import type { RequestCtx } from "@/lib/auth/actor";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { reasonCauseKey } from "@/lib/readiness/describe-reason";
import { reportControl, type ReportControl } from "@/lib/readiness/get-readiness-report";
import { links } from "@/lib/readiness/links";
import { naturalOrder } from "@/lib/readiness/order";
import type { ControlState } from "@/lib/readiness/types";

export interface ReadinessControlRow extends ReportControl {
  href: string;
  /** The unmet requirements this control holds back. */
  holdsBack: Array<{ framework: string; refId: string; href: string }>;
}

export interface ListReadinessControlsOptions {
  ctx: RequestCtx;
  slug: string;
  now: Date;
  framework?: string;
  state?: ControlState;
  /** Only controls with a reason of this cause (a holdback's cause key). */
  cause?: string;
  /** Cursor: the key of the last control of the previous page. */
  after?: string;
  limit: number;
}

/** The project's controls in a state (or sharing a cause), with their reasons, by key, a page at a time. */
export async function listReadinessControls({
  ctx,
  slug,
  now,
  framework,
  state,
  cause,
  after,
  limit,
}: ListReadinessControlsOptions) {
  const { project, result } = await computeReadiness({
    ctx,
    slug,
    at: now,
    now,
    frameworkKeys: framework ? [framework] : undefined,
  });
  const holds = new Map<string, ReadinessControlRow["holdsBack"]>();
  const deciding = new Set<string>();
  for (const fw of result.frameworks) {
    for (const r of fw.requirements) {
      if (r.status === "group") continue;
      r.controlIds.forEach((id) => deciding.add(id));
      for (const id of r.blockingControlIds)
        holds.set(id, [
          ...(holds.get(id) ?? []),
          { framework: fw.key, refId: r.refId, href: links.requirement(project.slug, fw.key, r.refId) },
        ]);
    }
  }
  const matching = result.controls
    .filter((c) => deciding.has(c.id))
    .filter((c) => !state || c.state === state)
    .filter((c) => !cause || c.reasons.some((r) => reasonCauseKey(r) === cause))
    .sort((a, b) => naturalOrder(a.key, b.key));
  const rest = after ? matching.filter((c) => naturalOrder(c.key, after) > 0) : matching;
  const page = rest.slice(0, limit).map((c) => ({
    ...reportControl(project.slug, c, result.at),
    href: links.control(c.key),
    holdsBack: holds.get(c.id) ?? [],
  }));
  return {
    project,
    total: matching.length,
    items: page,
    nextAfter: rest.length > limit ? page[page.length - 1].key : null,
  };
}
