import type { RequestCtx } from "@/lib/auth/actor";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { readinessCsv } from "@/lib/readiness/readiness-csv";

export interface ExportReadinessCsvOptions {
  ctx: RequestCtx;
  slug: string;
  framework?: string;
  at: Date;
  now: Date;
}

/** The scorecard as CSV (one row per requirement), with a file name that says what and when. */
export async function exportReadinessCsv({
  ctx,
  slug,
  framework,
  at,
  now,
}: ExportReadinessCsvOptions): Promise<{ filename: string; body: string }> {
  const { project, result } = await computeReadiness({
    ctx,
    slug,
    at,
    now,
    frameworkKeys: framework ? [framework] : undefined,
  });
  // The moment actually computed for (an auditor's is clamped into their audit window).
  const day = result.at.toISOString().slice(0, 10);
  return {
    filename: `readiness-${project.slug}${framework ? `-${framework}` : ""}-${day}.csv`,
    body: readinessCsv(result),
  };
}
