// A framework's requirement tree as readiness reads it (docs/readiness.md, "Each requirement is met
// or not"), for the pages and files that show mappings rather than evidence: which requirements are
// scored, and the controls each inherits from its ancestors. Pure. The readiness rule itself lives in
// lib/readiness/evaluate-framework.ts; lib/readiness/boundary.int.test.ts checks that both agree.

export type ControlRef = { key: string; title: string };

export interface TreeRow {
  id: string;
  refId: string;
  parentId: string | null;
  assessable: boolean;
  retiredAt: Date | null;
  defaultNotApplicableReason: string | null;
  /** Live controls mapped to this requirement itself. */
  controls: ControlRef[];
}

export interface TreeEntry<T extends TreeRow> {
  row: T;
  depth: number;
  /** Ids of the ancestors shown above it, top first. */
  ancestors: string[];
  /** Controls mapped to an ancestor (and not to the row itself), each with the nearest such ancestor. */
  inherited: Array<ControlRef & { from: string }>;
  /** Its own default not-applicable reason, or else the nearest ancestor's. */
  naReason: string | null;
  /** Current, assessable, and no current assessable requirement anywhere beneath it. */
  scored: boolean;
}

/**
 * Depth-first over the current requirements and the retired ones above them (which keep their
 * children in place and pass down their controls and not-applicable reason), children in the order
 * given. Retired requirements with nothing current beneath them are left out.
 */
export function walkRequirementTree<T extends TreeRow>(rows: T[]): Array<TreeEntry<T>> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const shown = new Set<string>();
  for (const r of rows) {
    if (r.retiredAt) continue;
    shown.add(r.id);
    for (
      let p = r.parentId ? byId.get(r.parentId) : undefined;
      p?.retiredAt && !shown.has(p.id);
      p = p.parentId ? byId.get(p.parentId) : undefined
    )
      shown.add(p.id);
  }
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    if (!shown.has(r.id)) continue;
    const parent = r.parentId && shown.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const memo = new Map<string, boolean>();
  const assessableBelow = (id: string): boolean => {
    let below = memo.get(id);
    if (below === undefined) {
      below = (children.get(id) ?? []).some((c) => (!c.retiredAt && c.assessable) || assessableBelow(c.id));
      memo.set(id, below);
    }
    return below;
  };
  const out: Array<TreeEntry<T>> = [];
  // From the roots down (requirements in a loop of parents have no root and are never reached).
  const walk = (
    parent: string | null,
    depth: number,
    ancestors: string[],
    inherited: TreeEntry<T>["inherited"],
    naReason: string | null,
  ) => {
    for (const row of children.get(parent) ?? []) {
      const own = new Set(row.controls.map((c) => c.key));
      const fromAbove = inherited.filter((c) => !own.has(c.key));
      const reason = naReason ?? row.defaultNotApplicableReason;
      out.push({
        row,
        depth,
        ancestors,
        inherited: fromAbove,
        naReason: reason,
        scored: !row.retiredAt && row.assessable && !assessableBelow(row.id),
      });
      walk(
        row.id,
        depth + 1,
        [...ancestors, row.id],
        [...fromAbove, ...row.controls.map((c) => ({ ...c, from: row.refId }))],
        reason,
      );
    }
  };
  walk(null, 0, [], [], null);
  return out;
}
