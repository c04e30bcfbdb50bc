import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { coverageOf, normaliseRef, type Coverage } from "@/lib/catalogue/coverage";
import type { TFrameworkQuery } from "@/lib/schemas/catalogue";

export interface RequirementNode {
  refId: string;
  title: string;
  summary: string;
  evidenceHint: string;
  level: string;
  assessable: boolean;
  depth: number;
  defaultNotApplicableReason: string | null;
  controls: Array<{ key: string; title: string }>;
  /** Matched the search itself (rather than being shown as the parent of a match). */
  match: boolean;
}

export interface FrameworkDetail {
  framework: { key: string; name: string; version: string; description: string; builtIn: boolean };
  coverage: Coverage;
  nodes: RequirementNode[];
  shown: number;
  retired: Array<{ refId: string; title: string; retiredAt: Date; controls: Array<{ key: string; title: string }> }>;
}

export interface GetFrameworkOptions {
  ctx: RequestCtx;
  key: string;
  query?: TFrameworkQuery;
}

/**
 * A framework's requirement tree in catalogue order, each requirement with the live controls mapped
 * to it. A search (by id, e.g. "cc6.1" or "art 32", or by words) keeps the matches and their parents.
 */
export async function getFramework({ ctx, key, query = {} }: GetFrameworkOptions): Promise<FrameworkDetail> {
  assertCan(ctx.actor, "framework:read");
  const framework = await prisma.framework.findUnique({
    where: { key },
    select: { id: true, key: true, name: true, version: true, description: true, builtIn: true },
  });
  if (!framework) throw new NotFoundError(`There is no framework "${key}".`);
  const rows = await prisma.requirement.findMany({
    where: { frameworkId: framework.id },
    orderBy: { position: "asc" },
    select: {
      id: true,
      refId: true,
      parentId: true,
      title: true,
      summary: true,
      evidenceHint: true,
      level: true,
      assessable: true,
      defaultNotApplicableReason: true,
      retiredAt: true,
      mappings: {
        where: { control: { archivedAt: null } },
        select: { control: { select: { key: true, title: true } } },
        orderBy: { control: { key: "asc" } },
      },
    },
  });
  const live = rows.filter((r) => !r.retiredAt);
  const coverage = coverageOf(live.map((r) => ({ ...r, retired: false, mappedControls: r.mappings.length })));

  // Depth-first over the live tree, children in catalogue order.
  const liveIds = new Set(live.map((r) => r.id));
  const children = new Map<string | null, typeof live>();
  for (const r of live) {
    const parent = r.parentId && liveIds.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const ordered: Array<{ row: (typeof live)[number]; depth: number; ancestors: string[] }> = [];
  const walk = (parent: string | null, depth: number, ancestors: string[]) => {
    for (const row of children.get(parent) ?? []) {
      ordered.push({ row, depth, ancestors });
      walk(row.id, depth + 1, [...ancestors, row.id]);
    }
  };
  walk(null, 0, []);

  const matches = matcher(query);
  const keep = new Set<string>();
  const matched = new Set<string>();
  for (const { row, ancestors } of ordered) {
    if (matches(row)) {
      matched.add(row.id);
      keep.add(row.id);
      ancestors.forEach((a) => keep.add(a));
    }
  }
  const nodes = ordered
    .filter(({ row }) => keep.has(row.id))
    .map(({ row, depth }) => ({
      refId: row.refId,
      title: row.title,
      summary: row.summary,
      evidenceHint: row.evidenceHint,
      level: row.level,
      assessable: row.assessable,
      depth,
      defaultNotApplicableReason: row.defaultNotApplicableReason,
      controls: row.mappings.map((m) => m.control),
      match: matched.has(row.id),
    }));
  return {
    framework: { key: framework.key, name: framework.name, version: framework.version, description: framework.description, builtIn: framework.builtIn },
    coverage,
    nodes,
    shown: matched.size,
    retired: rows
      .filter((r) => r.retiredAt)
      .map((r) => ({ refId: r.refId, title: r.title, retiredAt: r.retiredAt!, controls: r.mappings.map((m) => m.control) })),
  };
}

type Row = { refId: string; title: string; summary: string; evidenceHint: string; assessable: boolean; defaultNotApplicableReason: string | null; mappings: unknown[] };

function matcher(query: TFrameworkQuery): (row: Row) => boolean {
  const q = query.q?.trim() ?? "";
  const ref = normaliseRef(q);
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const textMatch = (row: Row) => {
    if (!q) return true;
    if (ref && normaliseRef(row.refId).startsWith(ref)) return true;
    const text = `${row.refId} ${row.title} ${row.summary} ${row.evidenceHint}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  if (query.unmapped) return (row) => row.assessable && row.mappings.length === 0 && !row.defaultNotApplicableReason && textMatch(row);
  return textMatch;
}
