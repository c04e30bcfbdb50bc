// Readiness of one project as a report: per framework the score, the family figures, the previous
// snapshot, and every unmet requirement with its reasons. Served to the CI gate, the scorecard and the
// CSV export. The figures come from computeReadiness; this only arranges them.
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { describeReason } from "@/lib/readiness/describe-reason";
import { reasonHref } from "@/lib/readiness/links";
import { dayKey, utcDay } from "@/lib/readiness/snapshot-days";
import type { ControlResult, ControlState, FamilyResult, ReadinessResult, ReasonType } from "@/lib/readiness/types";

export interface ReportReason {
  type: ReasonType;
  severity: "failing" | "stale";
  sentence: string;
  href: string;
}

export interface ReportControl {
  key: string;
  title: string;
  state: ControlState;
  reasons: ReportReason[];
}

export interface ReportRequirement {
  refId: string;
  title: string;
  family: string | null;
  note: string | null;
  controls: ReportControl[];
}

export interface ReportFramework {
  key: string;
  name: string;
  score: number | null;
  met: number;
  applicable: number;
  previous: { day: string; score: number | null; met: number; applicable: number } | null;
  families: Array<Omit<FamilyResult, "id">>;
  controlCounts: Record<ControlState, number>;
  unmet: ReportRequirement[];
}

export interface ReadinessReport {
  project: { slug: string; name: string };
  asOf: string;
  frameworks: ReportFramework[];
}

export interface GetReadinessReportOptions {
  ctx: RequestCtx;
  slug: string;
  framework?: string;
  at: Date;
  now: Date;
}

export function reportControl(slug: string, c: ControlResult, at: Date): ReportControl {
  return {
    key: c.key,
    title: c.title,
    state: c.state,
    reasons: c.reasons.map((r) => ({
      type: r.type,
      severity: r.severity,
      sentence: describeReason(r, at),
      href: reasonHref(slug, r, c.key),
    })),
  };
}

/** Arranges a computed result into the report (pure apart from the previous snapshots passed in). */
export function toReport(
  project: { slug: string; name: string },
  result: ReadinessResult,
  previous: Map<string, ReportFramework["previous"]>,
): ReadinessReport {
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  return {
    project,
    asOf: result.at.toISOString(),
    frameworks: result.frameworks.map((fw) => {
      const familyRef = new Map(fw.families.map((f) => [f.id, f.refId]));
      return {
        key: fw.key,
        name: fw.name,
        score: fw.score,
        met: fw.met,
        applicable: fw.applicable,
        previous: previous.get(fw.frameworkId) ?? null,
        families: fw.families.map(({ refId, title, met, applicable, score }) => ({
          refId,
          title,
          met,
          applicable,
          score,
        })),
        controlCounts: fw.controlCounts,
        unmet: fw.requirements
          .filter((r) => r.status === "unmet")
          .map((r) => ({
            refId: r.refId,
            title: r.title,
            family: r.familyId ? (familyRef.get(r.familyId) ?? null) : null,
            note: r.note,
            controls: r.blockingControlIds.map((id) => reportControl(project.slug, controls.get(id)!, result.at)),
          })),
      };
    }),
  };
}

export async function getReadinessReport({
  ctx,
  slug,
  framework,
  at,
  now,
}: GetReadinessReportOptions): Promise<ReadinessReport> {
  const { project, result, view } = await computeReadiness({
    ctx,
    slug,
    at,
    now,
    frameworkKeys: framework ? [framework] : undefined,
    readOnly: true,
  });
  // The previous snapshot: the newest one from a day before the moment's day. Snapshots are computed
  // from all of a project's evidence, not one audit window's: an auditor is shown none.
  // DISTINCT ON in SQL: Prisma's `distinct` would read every earlier snapshot and drop all but one here.
  const snapshots = view
    ? []
    : await prisma.$queryRaw<
        Array<{ frameworkId: string; day: string; score: number | null; met: number; applicable: number }>
      >`
        SELECT DISTINCT ON ("frameworkId") "frameworkId", to_char(day, 'YYYY-MM-DD') AS day, score, met, applicable
        FROM "ScoreSnapshot"
        WHERE "projectId" = ${project.id} AND "frameworkId" = ANY(${result.frameworks.map((f) => f.frameworkId)}::text[])
          AND day < ${dayKey(utcDay(result.at))}::date
        ORDER BY "frameworkId", day DESC`;
  const previous = new Map(
    snapshots.map((s) => [s.frameworkId, { day: s.day, score: s.score, met: s.met, applicable: s.applicable }]),
  );
  return toReport({ slug: project.slug, name: project.name }, result, previous);
}
