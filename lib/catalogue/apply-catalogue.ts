import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { Catalogue } from "@/lib/catalogue/framework-file";
import {
  describePlan,
  planCatalogue,
  planIsEmpty,
  REQUIREMENT_ROW_SELECT,
  type RequirementRow,
} from "@/lib/catalogue/plan-catalogue";

export interface ApplyCatalogueOptions {
  tx: Tx;
  catalogue: Catalogue;
  builtIn: boolean;
  now: Date;
}

export interface ApplyCatalogueResult {
  frameworkId: string;
  created: boolean;
  /** What changed, for people; empty when the database already matched the file. */
  lines: string[];
}

/**
 * Brings one framework in the database in line with a catalogue file, inside the caller's
 * transaction: new requirements are added, changed ones updated, ones missing from the file retired
 * (kept, with their mappings), and retired ones that come back restored. Loading the same file twice
 * changes nothing. Internal: callers check permissions and record the activity.
 */
export async function applyCatalogue({
  tx,
  catalogue,
  builtIn,
  now,
}: ApplyCatalogueOptions): Promise<ApplyCatalogueResult> {
  const before = await tx.framework.findUnique({ where: { key: catalogue.key } });
  const framework =
    before ??
    (await tx.framework.create({
      data: {
        key: catalogue.key,
        name: catalogue.name,
        version: catalogue.version,
        description: catalogue.description,
        builtIn,
      },
    }));
  const existing = await tx.requirement.findMany({
    where: { frameworkId: framework.id },
    select: { ...REQUIREMENT_ROW_SELECT, retiredAt: true, _count: { select: { mappings: true } } },
  });
  const plan = planCatalogue(
    catalogue,
    existing.map(({ _count, ...e }) => ({ ...e, mappingCount: _count.mappings })),
    () => randomUUID(),
  );

  if (plan.creates.length) {
    await tx.requirement.createMany({
      data: parentsFirst(plan.creates).map((r) => ({ ...r, frameworkId: framework.id })),
    });
  }
  const positionOnly = plan.updates.filter(
    (u) => u.fields.length && u.fields.every((f) => f === "position") && u.data.retiredAt === undefined,
  );
  const other = plan.updates.filter((u) => !positionOnly.includes(u));
  if (positionOnly.length) {
    const ids = positionOnly.map((u) => u.id);
    const positions = positionOnly.map((u) => u.data.position!);
    await tx.$executeRaw`UPDATE "Requirement" AS r SET "position" = u.position FROM unnest(${ids}::text[], ${positions}::int[]) AS u(id, position) WHERE r."id" = u.id`;
  }
  for (const u of other) await tx.requirement.update({ where: { id: u.id }, data: u.data });
  if (plan.retires.length) {
    await tx.requirement.updateMany({ where: { id: { in: plan.retires.map((r) => r.id) } }, data: { retiredAt: now } });
  }

  const lines: string[] = [];
  if (before) {
    const versionChanged = before.version !== catalogue.version;
    if (
      versionChanged ||
      before.name !== catalogue.name ||
      before.description !== catalogue.description ||
      before.builtIn !== builtIn
    ) {
      await tx.framework.update({
        where: { id: framework.id },
        data: { name: catalogue.name, version: catalogue.version, description: catalogue.description, builtIn },
      });
      if (before.name !== catalogue.name)
        lines.push(`${catalogue.key}: renamed "${before.name}" -> "${catalogue.name}"`);
      if (before.description !== catalogue.description) lines.push(`${catalogue.key}: description updated`);
    }
    lines.unshift(
      ...describePlan(
        catalogue.key,
        plan,
        versionChanged ? { from: before.version, to: catalogue.version } : undefined,
      ),
    );
  } else {
    lines.push(...describePlan(catalogue.key, plan, { from: null, to: catalogue.version }));
  }
  if (before && planIsEmpty(plan) && !lines.length) return { frameworkId: framework.id, created: false, lines: [] };
  return { frameworkId: framework.id, created: !before, lines };
}

/** Rows ordered so that a parent is always inserted before its children, however the file was ordered. */
function parentsFirst(rows: RequirementRow[]): RequirementRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: RequirementRow[] = [];
  const done = new Set<string>();
  const visit = (r: RequirementRow) => {
    if (done.has(r.id)) return;
    done.add(r.id);
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    if (parent) visit(parent);
    out.push(r);
  };
  rows.forEach(visit);
  return out;
}
