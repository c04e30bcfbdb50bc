// SOC 2 points of focus as guidance (issue 13): in our own words (the AICPA text is copyrighted), shown
// beside a control's SOC 2 mappings, never scored. Pure.
import file from "@/prisma/catalogues/soc2-points-of-focus.json";

const criteria: Readonly<Record<string, readonly string[]>> = file.criteria;

/** The guidance for a requirement, or an empty list (other frameworks, unknown ids). */
export function pointsOfFocus(frameworkKey: string, refId: string): readonly string[] {
  if (frameworkKey !== "soc2" || !Object.hasOwn(criteria, refId)) return [];
  return criteria[refId];
}
