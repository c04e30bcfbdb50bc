// What loading a catalogue file into the database would change. Pure, so that idempotence and the
// upgrade rules (update, add, retire, restore; never delete) are tested without a database.
import type { Catalogue, CatalogueRequirement } from "@/lib/catalogue/framework-file";

/** A requirement as the database holds it: the file's fields, with its parent by id. */
export interface RequirementRow extends Omit<CatalogueRequirement, "parentRefId" | "level" | "controls"> {
  id: string;
  parentId: string | null;
  level: string;
}

/** The columns of a RequirementRow, for reading it. */
export const REQUIREMENT_ROW_SELECT = {
  id: true,
  refId: true,
  parentId: true,
  level: true,
  assessable: true,
  title: true,
  summary: true,
  evidenceHint: true,
  position: true,
  defaultNotApplicableReason: true,
} satisfies Record<keyof RequirementRow, true>;

export interface ExistingRequirement extends RequirementRow {
  retiredAt: Date | null;
  mappingCount: number;
}

type Field = Exclude<keyof RequirementRow, "id" | "refId">;
const CONTENT_FIELDS: Field[] = [
  "title",
  "summary",
  "evidenceHint",
  "level",
  "assessable",
  "defaultNotApplicableReason",
  "parentId",
];

export interface CataloguePlan {
  creates: RequirementRow[];
  updates: Array<{ id: string; refId: string; data: Partial<RequirementRow> & { retiredAt?: null }; fields: string[] }>;
  retires: Array<{ id: string; refId: string; mappingCount: number }>;
  restored: string[];
}

export function planCatalogue(
  catalogue: Catalogue,
  existing: ExistingRequirement[],
  newId: () => string,
): CataloguePlan {
  const byRef = new Map(existing.map((e) => [e.refId, e]));
  const idOf = new Map<string, string>();
  for (const r of catalogue.requirements) idOf.set(r.refId, byRef.get(r.refId)?.id ?? newId());

  const creates: CataloguePlan["creates"] = [];
  const updates: CataloguePlan["updates"] = [];
  const restored: string[] = [];
  for (const r of catalogue.requirements) {
    const row = toRow(r, idOf);
    const before = byRef.get(r.refId);
    if (!before) {
      creates.push(row);
      continue;
    }
    const data: Partial<RequirementRow> & { retiredAt?: null } = {};
    const fields: string[] = [];
    for (const f of [...CONTENT_FIELDS, "position"] as Field[]) {
      if (before[f] !== row[f]) {
        (data as Record<string, unknown>)[f] = row[f];
        fields.push(f === "parentId" ? "parent" : f);
      }
    }
    if (before.retiredAt) {
      data.retiredAt = null;
      restored.push(r.refId);
    }
    if (fields.length || before.retiredAt) updates.push({ id: before.id, refId: r.refId, data, fields });
  }
  const inFile = new Set(catalogue.requirements.map((r) => r.refId));
  const retires = existing
    .filter((e) => !inFile.has(e.refId) && !e.retiredAt)
    .map((e) => ({ id: e.id, refId: e.refId, mappingCount: e.mappingCount }));
  return { creates, updates, retires, restored };
}

function toRow(r: CatalogueRequirement, idOf: Map<string, string>): RequirementRow {
  return {
    id: idOf.get(r.refId)!,
    refId: r.refId,
    parentId: r.parentRefId ? idOf.get(r.parentRefId)! : null,
    level: r.level,
    assessable: r.assessable,
    title: r.title,
    summary: r.summary,
    evidenceHint: r.evidenceHint,
    position: r.position,
    defaultNotApplicableReason: r.defaultNotApplicableReason,
  };
}

export function planIsEmpty(plan: CataloguePlan): boolean {
  return !plan.creates.length && !plan.updates.length && !plan.retires.length;
}

const list = (ids: string[], max = 12) =>
  ids.length > max ? `${ids.slice(0, max).join(", ")} and ${ids.length - max} more` : ids.join(", ");

/** Lines for people: what a load changed, one line per kind of change. */
export function describePlan(
  key: string,
  plan: CataloguePlan,
  versionChange?: { from: string | null; to: string },
): string[] {
  const lines: string[] = [];
  if (versionChange)
    lines.push(
      versionChange.from === null
        ? `${key}: loaded version "${versionChange.to}" (${plan.creates.length} requirements)`
        : `${key}: version "${versionChange.from}" -> "${versionChange.to}"`,
    );
  const isFirstLoad = versionChange?.from === null;
  if (plan.creates.length && !isFirstLoad)
    lines.push(`${key}: added ${plan.creates.length}: ${list(plan.creates.map((c) => c.refId))}`);
  const content = plan.updates.filter((u) => u.fields.some((f) => f !== "position"));
  for (const u of content.slice(0, 20))
    lines.push(`${key}: updated ${u.refId} (${u.fields.filter((f) => f !== "position").join(", ")})`);
  if (content.length > 20) lines.push(`${key}: updated ${content.length - 20} more requirements`);
  const movedOnly = plan.updates.filter((u) => u.fields.length && u.fields.every((f) => f === "position"));
  if (movedOnly.length) lines.push(`${key}: moved ${movedOnly.length} requirement(s) to new positions`);
  if (plan.restored.length) lines.push(`${key}: restored ${list(plan.restored)} (back in this version)`);
  for (const r of plan.retires)
    lines.push(`${key}: retired ${r.refId} (not in this version; ${r.mappingCount} mapping(s) kept)`);
  return lines;
}
