import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { coverageOf, normaliseRef, type Coverage } from "@/lib/catalogue/coverage";
import { walkRequirementTree, type ControlRef } from "@/lib/catalogue/requirement-tree";
import { defaultNotApplicable } from "@/lib/catalogue/applicability";
import type { TFrameworkQuery } from "@/lib/schemas/catalogue";

export interface RequirementNode {
  refId: string;
  title: string;
  summary: string;
  evidenceHint: string;
  level: string;
  assessable: boolean;
  depth: number;
  /** The catalogue's not-applicable-by-default reason: its own, or else the nearest ancestor's. */
  defaultNotApplicableReason: string | null;
  /**
   * Scored and not applicable by default: the reason above, when no live control decides it (the one
   * definition readiness uses too: lib/catalogue/applicability.ts). Null when it applies.
   */
  notApplicableByDefault: string | null;
  /** Live controls mapped to this requirement itself. */
  controls: ControlRef[];
  /** Live controls mapped to an ancestor, which decide this requirement too (`from`: that ancestor's refId). */
  inherited: Array<ControlRef & { from: string }>;
  /** Scored by readiness: current, assessable, nothing current and assessable beneath it. Otherwise a group. */
  scored: boolean;
  /** Retired by a newer catalogue version, shown because current requirements sit beneath it. */
  retired: boolean;
  /** Matched the search itself (rather than being shown as the parent of a match). */
  match: boolean;
}

/** Live controls mapped to a group: each decides every scored requirement beneath it. */
export interface GroupMapping {
  refId: string;
  title: string;
  level: string;
  controls: ControlRef[];
  /** How many scored requirements beneath the group it decides. */
  decides: number;
}

export interface FrameworkDetail {
  framework: { key: string; name: string; version: string; description: string; builtIn: boolean };
  coverage: Coverage;
  nodes: RequirementNode[];
  shown: number;
  /**
   * Controls mapped to a current group rather than to the requirements it holds: typically a leaf
   * that a newer catalogue version split into points. Listed so that a lead can move them down.
   */
  groupMappings: GroupMapping[];
  retired: Array<{ refId: string; title: string; retiredAt: Date; controls: ControlRef[] }>;
  /**
   * What the newest catalogue versions changed (new requirements, changed applicability, retired
   * ones), newest first: the loader's and importer's own report, from the activity trail.
   */
  changes: Array<{ version: string; at: Date; lines: string[] }>;
}

export interface GetFrameworkOptions {
  ctx: RequestCtx;
  key: string;
  query?: TFrameworkQuery;
}

/**
 * A framework's requirement tree in catalogue order, each requirement with the live controls mapped
 * to it and those it inherits from its ancestors (as readiness decides it: docs/readiness.md).
 * Coverage counts the scored requirements a live control serves, directly or from above; controls
 * mapped to a group are listed apart. A search (by id, e.g. "cc6.1" or "art 32", or by words) keeps
 * the matches and their parents.
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
  const upgrades = await prisma.activityEvent.findMany({
    where: {
      entityType: "Framework",
      entityId: framework.id,
      action: { in: ["framework.upgrade", "framework.import"] },
    },
    orderBy: { id: "desc" },
    take: 3,
    select: { occurredAt: true, summary: true },
  });
  const changes = upgrades
    .map((e) => {
      const summary = (e.summary ?? {}) as { version?: unknown; changes?: unknown };
      const lines = Array.isArray(summary.changes)
        ? summary.changes.filter((l): l is string => typeof l === "string")
        : [];
      return { version: typeof summary.version === "string" ? summary.version : "", at: e.occurredAt, lines };
    })
    .filter((c) => c.lines.length);
  const ordered = walkRequirementTree(rows.map((r) => ({ ...r, controls: r.mappings.map((m) => m.control) })));
  const scored = ordered.filter((w) => w.scored);
  const coverage = coverageOf(
    scored.map((w) => ({
      assessable: true,
      retired: false,
      mappedControls: w.row.mappings.length + w.inherited.length,
      defaultNotApplicableReason: w.naReason,
    })),
  );
  const groupMappings: GroupMapping[] = ordered
    .filter((w) => !w.scored && !w.row.retiredAt && w.row.mappings.length)
    .map((w) => ({
      refId: w.row.refId,
      title: w.row.title,
      level: w.row.level,
      controls: w.row.mappings.map((m) => m.control),
      decides: scored.filter((s) => s.ancestors.includes(w.row.id)).length,
    }));

  const matches = matcher(query);
  const keep = new Set<string>();
  const matched = new Set<string>();
  for (const w of ordered) {
    if (matches(w)) {
      matched.add(w.row.id);
      keep.add(w.row.id);
      w.ancestors.forEach((a) => keep.add(a));
    }
  }
  const nodes = ordered
    .filter(({ row }) => keep.has(row.id))
    .map(({ row, depth, inherited, naReason, scored }) => ({
      refId: row.refId,
      title: row.title,
      summary: row.summary,
      evidenceHint: row.evidenceHint,
      level: row.level,
      assessable: row.assessable,
      depth,
      defaultNotApplicableReason: naReason,
      notApplicableByDefault: scored ? defaultNotApplicable(naReason, row.mappings.length + inherited.length) : null,
      controls: row.mappings.map((m) => m.control),
      inherited,
      scored,
      retired: row.retiredAt !== null,
      match: matched.has(row.id),
    }));
  return {
    framework: {
      key: framework.key,
      name: framework.name,
      version: framework.version,
      description: framework.description,
      builtIn: framework.builtIn,
    },
    coverage,
    nodes,
    shown: matched.size,
    groupMappings,
    retired: rows
      .filter((r) => r.retiredAt)
      .map((r) => ({
        refId: r.refId,
        title: r.title,
        retiredAt: r.retiredAt!,
        controls: r.mappings.map((m) => m.control),
      })),
    changes,
  };
}

type Row = {
  row: { refId: string; title: string; summary: string; evidenceHint: string; mappings: unknown[] };
  inherited: unknown[];
  naReason: string | null;
  scored: boolean;
};

function matcher(query: TFrameworkQuery): (w: Row) => boolean {
  const q = query.q?.trim() ?? "";
  const ref = normaliseRef(q);
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const textMatch = ({ row }: Row) => {
    if (!q) return true;
    if (ref && normaliseRef(row.refId).startsWith(ref)) return true;
    const text = `${row.refId} ${row.title} ${row.summary} ${row.evidenceHint}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  // Unmapped: scored, not applicable by default neither itself nor through an ancestor, and no live
  // control on it or on any requirement above it.
  if (query.unmapped)
    return (w) => w.scored && w.row.mappings.length === 0 && w.inherited.length === 0 && !w.naReason && textMatch(w);
  return textMatch;
}
