import { z } from "zod";
import { ZPopulationFilter, type TPopulationFilter } from "@/lib/schemas/audit";
import type { PopulationScope } from "@/lib/audits/population-query";

/** What a Population row's `filter` column holds: the kind's filter plus the scope it was defined over. */
export const ZStoredDefinition = z.object({
  filter: ZPopulationFilter,
  projectIds: z.array(z.string()),
  projects: z.array(z.string()),
  windowStart: z.string(),
  windowEnd: z.string(),
});
export type StoredDefinition = z.infer<typeof ZStoredDefinition>;

export function parseDefinition(value: unknown): {
  filter: TPopulationFilter;
  scope: PopulationScope;
  projects: string[];
} {
  const d = ZStoredDefinition.parse(value);
  return {
    filter: d.filter,
    scope: { projectIds: d.projectIds, windowStart: new Date(d.windowStart), windowEnd: new Date(d.windowEnd) },
    projects: d.projects,
  };
}

/** One line saying what defines the population, e.g. for the page, the CSV and the packet. */
export function describeDefinition(value: unknown): string {
  const { filter, scope, projects } = parseDefinition(value);
  const parts: string[] = [];
  switch (filter.kind) {
    case "merged-prs":
      parts.push("pull requests merged");
      if (filter.repo) parts.push(`in ${filter.repo}`);
      if (filter.baseBranch) parts.push(`into ${filter.baseBranch}`);
      break;
    case "main-ci-runs":
      parts.push(`CI runs on branch ${filter.branch}`);
      if (filter.workflow) parts.push(`of workflow ${filter.workflow}`);
      break;
    case "restore-drills":
      parts.push("restore drills performed");
      if (filter.runbookKey) parts.push(`of runbook ${filter.runbookKey}`);
      break;
    case "audit-events":
      parts.push("audit-log events");
      if (filter.action) parts.push(`with action ${filter.action}`);
      if (filter.actor) parts.push(`by ${filter.actor}`);
      if (filter.outcome) parts.push(`with outcome ${filter.outcome}`);
      break;
  }
  parts.push(`in ${projects.join(", ")}`);
  parts.push(`from ${scope.windowStart.toISOString()} to ${scope.windowEnd.toISOString()}`);
  return parts.join(" ");
}
