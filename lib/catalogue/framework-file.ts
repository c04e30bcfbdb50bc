// Reading and writing the framework file format. Pure: no database. Validation reports every problem
// with the path where it is, written the way people read JSON (`requirements[12].id: duplicate "CC6.1"`).
import type { z } from "zod";
import { InvalidInputError, type FieldIssue } from "@/lib/errors";
import {
  FRAMEWORK_FORMAT,
  GROUPING_LEVELS,
  ZFrameworkFile,
  type RequirementLevel,
  type TFrameworkFile,
} from "@/lib/schemas/catalogue";

export interface CatalogueRequirement {
  refId: string;
  parentRefId: string | null;
  level: RequirementLevel;
  assessable: boolean;
  title: string;
  summary: string;
  evidenceHint: string;
  position: number;
  defaultNotApplicableReason: string | null;
  controls: string[];
}

export interface Catalogue {
  key: string;
  name: string;
  version: string;
  description: string;
  requirements: CatalogueRequirement[];
}

/** `["requirements", 12, "id"]` → `requirements[12].id` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(file)";
}

function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const message =
      issue.code === "unrecognized_keys"
        ? `not a recognised field: ${issue.keys.join(", ")}`
        : issue.code === "invalid_type"
          ? /received undefined$/.test(issue.message)
            ? "is required"
            : `must be ${issue.expected === "array" || issue.expected === "object" ? "an" : "a"} ${issue.expected}`
          : issue.message;
    return { path: formatPath(issue.path), message };
  });
}

/** Cross-field rules the schema cannot express: unique ids, known parents, no cycles, mapping targets. */
function structuralIssues(file: TFrameworkFile): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const firstIndex = new Map<string, number>();
  file.requirements.forEach((r, i) => {
    const seen = firstIndex.get(r.id);
    if (seen !== undefined)
      issues.push({
        path: `requirements[${i}].id`,
        message: `duplicate "${r.id}" (first used at requirements[${seen}])`,
      });
    else firstIndex.set(r.id, i);
  });
  const parentOf = new Map<string, string | null>();
  const hasChildren = new Set<string>();
  file.requirements.forEach((r, i) => {
    if (firstIndex.get(r.id) !== i) return;
    parentOf.set(r.id, r.parent ?? null);
    if (!r.parent) return;
    if (r.parent === r.id)
      issues.push({ path: `requirements[${i}].parent`, message: `"${r.id}" cannot be its own parent` });
    else if (!firstIndex.has(r.parent))
      issues.push({ path: `requirements[${i}].parent`, message: `no requirement with id "${r.parent}" in this file` });
    else hasChildren.add(r.parent);
  });
  file.requirements.forEach((r, i) => {
    if (firstIndex.get(r.id) !== i) return;
    const visited = new Set<string>([r.id]);
    for (let p = parentOf.get(r.id); p; p = parentOf.get(p) ?? null) {
      if (visited.has(p)) {
        issues.push({ path: `requirements[${i}].parent`, message: `"${r.id}" is inside a loop of parents` });
        break;
      }
      visited.add(p);
    }
    const level = r.level ?? "requirement";
    const assessable = r.assessable ?? (!GROUPING_LEVELS.includes(level) && !hasChildren.has(r.id));
    if (GROUPING_LEVELS.includes(level) && r.assessable)
      issues.push({
        path: `requirements[${i}].assessable`,
        message: `a ${level} groups requirements and cannot be assessed`,
      });
    if (!assessable && r.notApplicableByDefault)
      issues.push({
        path: `requirements[${i}].notApplicableByDefault`,
        message: "only an assessable requirement can be not applicable",
      });
    if (!assessable && r.controls?.length)
      issues.push({
        path: `requirements[${i}].controls`,
        message: "controls map only to assessable requirements, not to groups",
      });
    const keys = new Set<string>();
    r.controls?.forEach((key, j) => {
      if (keys.has(key)) issues.push({ path: `requirements[${i}].controls[${j}]`, message: `duplicate "${key}"` });
      keys.add(key);
    });
  });
  return issues;
}

/**
 * Validates a parsed framework file and returns it normalised (defaults applied, positions set).
 * Throws one InvalidInputError listing every problem; nothing is returned half-checked.
 */
export function parseFrameworkFile(value: unknown): Catalogue {
  const parsed = ZFrameworkFile.safeParse(value);
  const issues = parsed.success ? structuralIssues(parsed.data) : zodIssues(parsed.error);
  if (!parsed.success || issues.length) throw invalidFile(issues);
  const file = parsed.data;
  const withChildren = new Set(file.requirements.map((r) => r.parent).filter((p): p is string => !!p));
  return {
    key: file.key,
    name: file.name,
    version: file.version,
    description: file.description ?? "",
    requirements: file.requirements.map((r, position) => {
      const level = r.level ?? "requirement";
      return {
        refId: r.id,
        parentRefId: r.parent ?? null,
        level,
        assessable: r.assessable ?? (!GROUPING_LEVELS.includes(level) && !withChildren.has(r.id)),
        title: r.title,
        summary: r.summary ?? "",
        evidenceHint: r.evidence ?? "",
        position,
        defaultNotApplicableReason: r.notApplicableByDefault ?? null,
        controls: r.controls ?? [],
      };
    }),
  };
}

export function invalidFile(issues: FieldIssue[]): InvalidInputError {
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
  return new InvalidInputError(
    `The framework file has ${issues.length === 1 ? "a problem" : `${issues.length} problems`}: ${shown.join("; ")}${more}.`,
    issues,
  );
}

/** Parses JSON text first, so that a syntax error is reported as such rather than as a missing field. */
export function parseFrameworkJson(text: string): Catalogue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalidFile([
      { path: "(file)", message: `not valid JSON (${err instanceof Error ? err.message : "syntax error"})` },
    ]);
  }
  return parseFrameworkFile(value);
}

/** The file form of a catalogue: defaults left out, so that exporting an imported file gives it back. */
export function toFrameworkFile(catalogue: Catalogue): TFrameworkFile {
  const withChildren = new Set(catalogue.requirements.map((r) => r.parentRefId).filter((p): p is string => !!p));
  return {
    format: FRAMEWORK_FORMAT,
    key: catalogue.key,
    name: catalogue.name,
    version: catalogue.version,
    ...(catalogue.description ? { description: catalogue.description } : {}),
    requirements: [...catalogue.requirements]
      .sort((a, b) => a.position - b.position)
      .map((r) => {
        const defaultAssessable = !GROUPING_LEVELS.includes(r.level) && !withChildren.has(r.refId);
        return {
          id: r.refId,
          ...(r.parentRefId ? { parent: r.parentRefId } : {}),
          ...(r.level !== "requirement" ? { level: r.level } : {}),
          title: r.title,
          ...(r.summary ? { summary: r.summary } : {}),
          ...(r.evidenceHint ? { evidence: r.evidenceHint } : {}),
          ...(r.assessable !== defaultAssessable ? { assessable: r.assessable } : {}),
          ...(r.defaultNotApplicableReason ? { notApplicableByDefault: r.defaultNotApplicableReason } : {}),
          ...(r.controls.length ? { controls: [...r.controls].sort() } : {}),
        };
      }),
  };
}
