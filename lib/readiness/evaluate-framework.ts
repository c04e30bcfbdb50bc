// The requirement and framework rules (pure). Documented in docs/readiness.md and on /readiness/how.
import { naturalOrder } from "@/lib/readiness/order";
import { defaultNotApplicable } from "@/lib/catalogue/applicability";
import type {
  ControlResult,
  ControlState,
  FamilyResult,
  FrameworkFacts,
  FrameworkResult,
  RequirementFacts,
  RequirementResult,
} from "@/lib/readiness/types";

interface Node {
  req: RequirementFacts;
  retired: boolean;
  children: Node[];
  depth: number;
  /** Controls decided by this node: those of every ancestor (live or retired), then its own. */
  controlIds: string[];
  /** For each control inherited from an ancestor, the nearest ancestor it is mapped to. */
  inheritedFrom: Map<string, string>;
  naReason: string | null;
  familyId: string | null;
  scored: boolean;
}

function byPosition(a: Node, b: Node): number {
  return a.req.position - b.req.position || naturalOrder(a.req.refId, b.req.refId);
}

/** Whether a current, assessable requirement sits anywhere beneath the node (through retired ones too). */
function hasAssessableBelow(node: Node, memo: Map<Node, boolean>): boolean {
  let below = memo.get(node);
  if (below === undefined) {
    below = node.children.some((c) => (!c.retired && c.req.assessable) || hasAssessableBelow(c, memo));
    memo.set(node, below);
  }
  return below;
}

function buildTree(reqs: RequirementFacts[]): Node[] {
  const nodes = new Map(
    reqs.map((r) => [
      r.id,
      {
        req: r,
        retired: r.retired === true,
        children: [],
        depth: 0,
        controlIds: [],
        inheritedFrom: new Map(),
        naReason: null,
        familyId: null,
        scored: false,
      } as Node,
    ]),
  );
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.req.parentId ? nodes.get(node.req.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  type Inherited = { ids: string[]; from: Map<string, string> };
  const memo = new Map<Node, boolean>();
  const visit = (
    node: Node,
    depth: number,
    inherited: Inherited,
    naReason: string | null,
    family: { level: string; id: string } | null,
  ) => {
    node.children.sort(byPosition);
    node.depth = depth;
    node.naReason = naReason ?? node.req.notApplicableReason;
    node.controlIds = [...new Set([...inherited.ids, ...node.req.controlIds])];
    node.inheritedFrom = inherited.from;
    node.familyId = family?.id ?? null;
    // Scored: current, assessable, and no current assessable requirement anywhere beneath it. A
    // retired child does not make its parent a group; a current one beneath a retired child does.
    node.scored = !node.retired && node.req.assessable && !hasAssessableBelow(node, memo);
    // Controls mapped to any ancestor (group, family or category, assessable or not, current or
    // retired) decide every scored requirement beneath it; the nearest ancestor names the source.
    const from = new Map(inherited.from);
    for (const id of node.req.controlIds) from.set(id, node.req.refId);
    // A requirement's family is its top-most "family" ancestor, else its top-most "category" ancestor.
    const level = node.req.level;
    const nextFamily =
      level === "family" && family?.level !== "family"
        ? { level, id: node.req.id }
        : level === "category" && !family
          ? { level, id: node.req.id }
          : family;
    for (const child of node.children)
      visit(child, depth + 1, { ids: node.controlIds, from }, node.naReason, nextFamily);
  };
  roots.sort(byPosition);
  for (const root of roots) visit(root, 0, { ids: [], from: new Map() }, null, null);
  return roots;
}

function flatten(roots: Node[]): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    out.push(n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

export const NO_CONTROL_NOTE = "No control is mapped to this requirement, or to any requirement above it, yet.";
export const RETIRED_NOTE =
  "Retired by a newer catalogue version; kept in place because current requirements sit beneath it.";

/**
 * A scored requirement (current, assessable, with no current assessable requirement beneath it) is
 * decided by the controls mapped to it and to every one of its ancestors, and is:
 *  - not applicable when it or an ancestor is not applicable by default and no control decides it
 *    (lib/catalogue/applicability.ts), or when every control that decides it is marked not applicable
 *    for the project;
 *  - met when at least one applicable control decides it and every applicable one is passing;
 *  - unmet otherwise (including when no control is mapped to it or above it).
 * Every other requirement is a group. Readiness = met / applicable scored requirements, per
 * framework and per family (scored requirements with no family ancestor form "Not in a family").
 */

export function evaluateFramework(fw: FrameworkFacts, controls: ReadonlyMap<string, ControlResult>): FrameworkResult {
  const ordered = flatten(buildTree(fw.requirements));
  const results = new Map<string, RequirementResult>();
  const used = new Set<string>();

  for (const n of ordered) {
    const r: RequirementResult = {
      id: n.req.id,
      refId: n.req.refId,
      title: n.req.title,
      level: n.req.level,
      parentId: n.req.parentId,
      depth: n.depth,
      familyId: n.familyId,
      status: "group",
      controlIds: n.req.controlIds.filter((id) => controls.has(id)),
      inherited: [],
      retired: n.retired,
      blockingControlIds: [],
      note: n.retired ? RETIRED_NOTE : n.naReason,
      met: 0,
      applicable: 0,
    };
    results.set(n.req.id, r);
    if (!n.scored) continue;
    const deciding: ControlResult[] = [];
    for (const id of n.controlIds) {
      const c = controls.get(id);
      if (c) deciding.push(c);
    }
    r.controlIds = deciding.map((c) => c.id);
    r.inherited = deciding
      .filter((c) => n.inheritedFrom.has(c.id) && !n.req.controlIds.includes(c.id))
      .map((c) => ({ controlId: c.id, fromRefId: n.inheritedFrom.get(c.id)! }));
    // Not applicable by default only while no control decides it (lib/catalogue/applicability.ts, the
    // definition mapping coverage uses too).
    if (defaultNotApplicable(n.naReason, deciding.length)) {
      r.status = "not_applicable";
      continue;
    }
    r.note = null;
    for (const c of deciding) used.add(c.id);
    const applicable = deciding.filter((c) => c.state !== "not_applicable");
    if (deciding.length === 0) {
      r.status = "unmet";
      r.note = NO_CONTROL_NOTE;
    } else if (applicable.length === 0) {
      r.status = "not_applicable";
      const why = deciding.map((c) => (c.justification ? `${c.key}: ${c.justification}` : c.key)).join("; ");
      r.note = `Every control that decides it is marked not applicable for this project (${why}).`;
    } else {
      r.blockingControlIds = applicable.filter((c) => c.state !== "passing").map((c) => c.id);
      r.status = r.blockingControlIds.length ? "unmet" : "met";
    }
    if (r.status !== "not_applicable") {
      r.applicable = 1;
      r.met = r.status === "met" ? 1 : 0;
    }
  }

  // Roll scored figures up to every ancestor group (for the tree and the family bars).
  for (const n of [...ordered].reverse()) {
    const r = results.get(n.req.id)!;
    if (r.status === "group") {
      for (const child of n.children) {
        const c = results.get(child.req.id)!;
        r.met += c.met;
        r.applicable += c.applicable;
      }
    }
  }

  const families: FamilyResult[] = [];
  const familyIds = new Set(
    ordered
      .filter((n) => n.scored)
      .map((n) => n.familyId)
      .filter((id): id is string => !!id),
  );
  for (const n of ordered) {
    if (!familyIds.has(n.req.id)) continue;
    const scored = ordered.filter((m) => m.scored && m.familyId === n.req.id).map((m) => results.get(m.req.id)!);
    const met = scored.reduce((s, x) => s + x.met, 0);
    const applicable = scored.reduce((s, x) => s + x.applicable, 0);
    families.push({
      id: n.req.id,
      refId: n.req.refId,
      title: n.req.title,
      met,
      applicable,
      score: applicable ? met / applicable : null,
    });
  }
  const loose = ordered.filter((m) => m.scored && !m.familyId).map((m) => results.get(m.req.id)!);
  if (loose.length) {
    const met = loose.reduce((s, x) => s + x.met, 0);
    const applicable = loose.reduce((s, x) => s + x.applicable, 0);
    families.push({
      id: "",
      refId: "",
      title: "Not in a family",
      met,
      applicable,
      score: applicable ? met / applicable : null,
    });
  }

  const requirements = ordered.map((n) => results.get(n.req.id)!);
  const scored = requirements.filter((r) => r.status !== "group");
  const met = scored.reduce((s, x) => s + x.met, 0);
  const applicable = scored.reduce((s, x) => s + x.applicable, 0);
  const controlCounts: Record<ControlState, number> = { passing: 0, failing: 0, stale: 0, not_applicable: 0 };
  for (const id of used) controlCounts[controls.get(id)!.state]++;

  return {
    frameworkId: fw.id,
    key: fw.key,
    name: fw.name,
    met,
    applicable,
    score: applicable ? met / applicable : null,
    families,
    controlCounts,
    requirements,
  };
}
