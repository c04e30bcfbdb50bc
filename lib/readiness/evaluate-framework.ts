// The requirement and framework rules (pure). Documented in docs/readiness.md and on /readiness/how.
import { naturalOrder } from "@/lib/readiness/order";
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
  children: Node[];
  depth: number;
  /** Controls decided by this node: its own mappings plus those of assessable ancestors. */
  controlIds: string[];
  naReason: string | null;
  familyId: string | null;
  scored: boolean;
}

function byPosition(a: Node, b: Node): number {
  return a.req.position - b.req.position || naturalOrder(a.req.refId, b.req.refId);
}

function buildTree(reqs: RequirementFacts[]): Node[] {
  const nodes = new Map(reqs.map((r) => [r.id, { req: r, children: [], depth: 0, controlIds: [], naReason: null, familyId: null, scored: false } as Node]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.req.parentId ? nodes.get(node.req.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const visit = (node: Node, depth: number, inherited: string[], naReason: string | null, family: { level: string; id: string } | null) => {
    node.children.sort(byPosition);
    node.depth = depth;
    node.naReason = naReason ?? node.req.notApplicableReason;
    node.controlIds = node.req.assessable ? [...new Set([...inherited, ...node.req.controlIds])] : [...inherited];
    node.familyId = family?.id ?? null;
    node.scored = node.req.assessable && !node.children.some((c) => c.req.assessable);
    // A requirement's family is its top-most "family" ancestor, else its top-most "category" ancestor.
    const level = node.req.level;
    const nextFamily = level === "family" && family?.level !== "family" ? { level, id: node.req.id } : level === "category" && !family ? { level, id: node.req.id } : family;
    for (const child of node.children) visit(child, depth + 1, node.controlIds, node.naReason, nextFamily);
  };
  roots.sort(byPosition);
  for (const root of roots) visit(root, 0, [], null, null);
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

/**
 * A scored requirement (assessable, current, with no assessable children) is:
 *  - not applicable when it or an ancestor is not applicable by default, or when every control that
 *    decides it is marked not applicable for the project;
 *  - met when at least one applicable control decides it and every applicable one is passing;
 *  - unmet otherwise (including when no control is mapped to it).
 * A requirement with assessable children is a group: controls mapped to it also decide each of its
 * children. Readiness = met / applicable scored requirements, per framework and per family.
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
      controlIds: n.req.controlIds,
      blockingControlIds: [],
      note: n.naReason,
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
    if (n.naReason) {
      r.status = "not_applicable";
      continue;
    }
    r.note = null;
    for (const c of deciding) used.add(c.id);
    const applicable = deciding.filter((c) => c.state !== "not_applicable");
    if (deciding.length === 0) {
      r.status = "unmet";
      r.note = "No control is mapped to this requirement yet.";
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
  const familyIds = new Set(ordered.filter((n) => n.scored).map((n) => n.familyId).filter((id): id is string => !!id));
  for (const n of ordered) {
    if (!familyIds.has(n.req.id)) continue;
    const scored = ordered.filter((m) => m.scored && m.familyId === n.req.id).map((m) => results.get(m.req.id)!);
    const met = scored.reduce((s, x) => s + x.met, 0);
    const applicable = scored.reduce((s, x) => s + x.applicable, 0);
    families.push({ id: n.req.id, refId: n.req.refId, title: n.req.title, met, applicable, score: applicable ? met / applicable : null });
  }
  const loose = ordered.filter((m) => m.scored && !m.familyId).map((m) => results.get(m.req.id)!);
  if (loose.length) {
    const met = loose.reduce((s, x) => s + x.met, 0);
    const applicable = loose.reduce((s, x) => s + x.applicable, 0);
    families.push({ id: "", refId: "", title: "Not in a family", met, applicable, score: applicable ? met / applicable : null });
  }

  const requirements = ordered.map((n) => results.get(n.req.id)!);
  const scored = requirements.filter((r) => r.status !== "group");
  const met = scored.reduce((s, x) => s + x.met, 0);
  const applicable = scored.reduce((s, x) => s + x.applicable, 0);
  const controlCounts: Record<ControlState, number> = { passing: 0, failing: 0, stale: 0, not_applicable: 0 };
  for (const id of used) controlCounts[controls.get(id)!.state]++;

  return { frameworkId: fw.id, key: fw.key, name: fw.name, met, applicable, score: applicable ? met / applicable : null, families, controlCounts, requirements };
}
