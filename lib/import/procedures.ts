// Runbooks beyond the sections the first rules name (lib/import/runbooks.ts): sections the reader
// chose as runbooks; alert runbooks recognised by their sections (Meaning / Impact / Diagnosis /
// Mitigation, Symptoms / Cause / Resolution); procedures under a heading that names one (upgrading,
// migrating, repairing, "the process for", a walkthrough) whose steps are numbered lists; and
// walkthroughs or checklists whose steps are numbered sub-headings, or, with no lists of steps at all,
// their innermost sections. Lists inside a runbook are its steps and notes, never backlog items.
import type { Block, ParsedRunbook, ParsedRunbookStep } from "@/lib/import/types";
import { type HeadingNode, type Outline, stripNumbering, titlesOf } from "@/lib/import/outline";
import { plainInline, readMarks, tidyTitle } from "@/lib/import/inline";
import { textOfRanges } from "@/lib/import/entry-content";
import { readCadence, readTarget, slugKey } from "@/lib/import/runbooks";
import { type ResolvedMapping, chosen } from "@/lib/import/mapping";
import { PROCEDURE_HEADING, RUNBOOK_HEADING, RUNBOOK_NAMED } from "@/lib/import/vocabulary";

/** Sections an alert runbook is made of; two of them (one a diagnosis or a remedy) make a runbook. */
const RUNBOOK_PART =
  /\b(meaning|impact|diagnos[a-z]*|mitigations?|symptoms?|causes?|resolution|remediation|quick fix(?:es)?|escalation|investigation|triage|verification)\b/i;
const RUNBOOK_ACTION_PART =
  /\b(diagnos[a-z]*|mitigations?|symptoms?|causes?|resolution|remediation|quick fix(?:es)?)\b/i;
/** Sections of an alert runbook whose bullets are steps when it has no numbered list. */
const REMEDY_PART = /\b(diagnos[a-z]*|mitigations?|resolution|remediation|quick fix(?:es)?|steps|procedure)\b/i;
export { PROCEDURE_HEADING };
/**
 * Headings whose sub-sections can be the steps: walkthroughs, runbooks, procedures, and checklists
 * for a release, a launch, a deployment or an upgrade. A hardening or readiness checklist is a backlog.
 */
const WALKTHROUGH_HEADING = /\b(walk-?through|run ?book|play ?book|procedures?)\b/i;
const RELEASE_WORDS = /\b(release|releasing|deploy(?:ing|ment)?|launch|upgrade|migration|rollout|cutover)\b/i;
const BACKLOG_WORDS = /\b(hardening|readiness|security|gaps?|backlog|audit|compliance|remediation|issues)\b/i;
export const walkthrough = (title: string) =>
  WALKTHROUGH_HEADING.test(title) ||
  (/\bchecklist\b/i.test(title) && RELEASE_WORDS.test(title) && !BACKLOG_WORDS.test(title));
const NUMBERED = /^(\d{1,3})[.)]\s+\S/;

export interface ProcedureInput {
  blocks: Block[];
  outline: Outline;
  lines: string[];
  entryHeadings: Set<HeadingNode>;
  /** Blocks already read (entries, skipped sections, the first rules' runbooks). */
  skip: Set<Block>;
  taken: ParsedRunbook[];
  docTitle: HeadingNode | null;
  /** The title front matter gave a document that has no heading of its own. */
  virtualTitle?: string | null;
  mapping: ResolvedMapping;
}

export interface ProcedureResult {
  runbooks: ParsedRunbook[];
  claimed: Set<Block>;
  /** Headings inside a runbook: lists under them are not backlog items. */
  regions: Set<HeadingNode | null>;
}

type Root = { node: HeadingNode; mode: "lists" | "bullets" | "headings" | "leaves" | "alert" };

export function collectProcedures(input: ProcedureInput): ProcedureResult {
  const { blocks, outline, lines, entryHeadings, skip, taken, mapping } = input;
  const headings = outline.headings;
  // Look-up tables, so that every pass below is linear in the document (crafted documents have
  // thousands of headings).
  const byIdx = new Map(headings.map((h) => [h.idx, h]));
  const kidsOf = new Map<HeadingNode | null, HeadingNode[]>();
  for (const h of headings) {
    const list = kidsOf.get(h.parent);
    if (list) list.push(h);
    else kidsOf.set(h.parent, [h]);
  }
  const childrenOf = (h: HeadingNode | null) => kidsOf.get(h) ?? [];
  const nextHeading = new Int32Array(blocks.length + 1).fill(blocks.length);
  for (let i = blocks.length - 1, at = blocks.length; i >= 0; i--) {
    nextHeading[i] = at;
    if (blocks[i].type === "heading") at = i;
  }
  const takenLines = new Set(taken.map((r) => r.line));
  const inEntry = (h: HeadingNode | null) => {
    for (let x = h; x; x = x.parent) if (entryHeadings.has(x)) return true;
    return false;
  };
  // A document with no heading over its sections gets one from its front matter (or stays without).
  const firstBlock = blocks.findIndex((b) => b.type !== "break");
  const virtual: HeadingNode | null =
    input.virtualTitle && !headings.some((h) => h.level === 1 && h.idx === firstBlock)
      ? { idx: -1, level: 0, title: input.virtualTitle, mark: null, line: 1, parent: null, end: blocks.length }
      : null;
  const under = (idx: number) => outline.under[idx] ?? virtual;
  const isOrdered = (b: Block) => b.type === "list" && b.ordered && !skip.has(b);
  const stepsIn = new Map<HeadingNode, number>();
  const orderedSteps = (h: HeadingNode) => {
    let n = stepsIn.get(h);
    if (n === undefined) {
      n = 0;
      for (let i = h.idx + 1; i < h.end; i++)
        if (isOrdered(blocks[i])) n += (blocks[i] as Extract<Block, { type: "list" }>).items.length;
      stepsIn.set(h, n);
    }
    return n;
  };

  const roots: Root[] = [];
  const rootSet = new Set<HeadingNode>();
  let coveredUntil = -1;
  const addRoot = (node: HeadingNode, mode: Root["mode"]) => {
    roots.push({ node, mode });
    rootSet.add(node);
    coveredUntil = Math.max(coveredUntil, node.end - 1);
  };
  const candidatesOf = virtual ? [virtual, ...headings] : headings;

  for (const h of candidatesOf) {
    if (h.idx <= coveredUntil || takenLines.has(h.line) || inEntry(h)) continue;
    const kids = childrenOf(h === virtual ? null : h);
    // The reader's choice.
    if (h !== virtual && chosen(mapping.runbooks, h.title)) {
      addRoot(
        h,
        orderedSteps(h)
          ? "lists"
          : kids.some((k) => NUMBERED.test(k.title))
            ? "headings"
            : kids.length
              ? "leaves"
              : "bullets",
      );
      continue;
    }
    if (mapping.runbooks.size) continue;
    // An alert runbook: Meaning / Impact / Diagnosis / Mitigation, Symptom / Causes / Remediation.
    const parts = kids.filter((k) => RUNBOOK_PART.test(stripNumbering(k.title)));
    if (
      parts.length >= 2 &&
      parts.some((k) => RUNBOOK_ACTION_PART.test(k.title)) &&
      !kids.some((k) => entryHeadings.has(k))
    ) {
      addRoot(h, "alert");
      continue;
    }
    const named =
      RUNBOOK_NAMED.test(h.title) ||
      RUNBOOK_HEADING.test(h.title) ||
      PROCEDURE_HEADING.test(h.title) ||
      WALKTHROUGH_HEADING.test(h.title);
    if (!named && !walkthrough(h.title)) continue;
    // A walkthrough whose steps are numbered sub-headings "1. Tag the release", "2. Build" …
    const numbered = kids.filter((k) => NUMBERED.test(k.title));
    if (
      named &&
      numbered.length >= 3 &&
      Number(NUMBERED.exec(numbered[0].title)![1]) === 1 &&
      numbered.every((k) => !entryHeadings.has(k))
    ) {
      addRoot(h, "headings");
      continue;
    }
    // A release checklist or walkthrough of sections, with no numbered lists, tables or checkboxes in it.
    if (walkthrough(h.title) && h !== virtual) {
      let plain = true;
      let leaves = 0;
      for (let i = h.idx + 1; i < h.end && plain; i++) {
        const b = blocks[i];
        if (b.type === "table" || (b.type === "list" && (b.ordered || b.items.some((x) => x.checked !== null))))
          plain = false;
        if (b.type === "heading" && !childrenOf(byIdx.get(i)!).length) leaves++;
      }
      if (plain && leaves >= 3) addRoot(h, "leaves");
    }
  }

  // Procedures: a numbered list of at least three steps under a heading that names a procedure (the
  // innermost), or, failing that, under the document's own title when it names one.
  const virtualNames =
    !!virtual &&
    (RUNBOOK_HEADING.test(virtual.title) || RUNBOOK_NAMED.test(virtual.title) || PROCEDURE_HEADING.test(virtual.title));
  blocks.forEach((b, idx) => {
    if (!isOrdered(b) || idx <= coveredUntil || mapping.runbooks.size) return;
    const at = under(idx);
    if (!at || inEntry(outline.under[idx])) return;
    let root: HeadingNode | null = null;
    for (let x: HeadingNode | null = outline.under[idx]; x && !root; x = x.parent)
      if (PROCEDURE_HEADING.test(x.title)) root = x;
    if (!root && virtualNames) root = virtual;
    if (!root || rootSet.has(root) || takenLines.has(root.line)) return;
    const steps = root === virtual ? (b as Extract<Block, { type: "list" }>).items.length : orderedSteps(root);
    if (steps >= 3) {
      roots.push({ node: root, mode: "lists" });
      rootSet.add(root);
    }
  });

  // Each block belongs to the innermost runbook around it (one sweep with a stack).
  roots.sort((a, b) => a.node.idx - b.node.idx);
  const owner: Array<HeadingNode | null> = new Array(blocks.length).fill(null);
  const stack: HeadingNode[] = [];
  let r = 0;
  for (let i = 0; i < blocks.length; i++) {
    while (stack.length && i >= stack[stack.length - 1].end) stack.pop();
    while (r < roots.length && roots[r].node.idx < i) {
      if (i < roots[r].node.end) stack.push(roots[r].node);
      r++;
    }
    owner[i] = stack[stack.length - 1] ?? null;
  }

  const claimed = new Set<Block>();
  const regions = new Set<HeadingNode | null>();
  const runbooks: ParsedRunbook[] = [];
  const keys = new Set(taken.map((x) => x.key));
  for (const { node, mode } of roots) {
    const mine = (idx: number) => owner[idx] === node;
    const steps: ParsedRunbookStep[] = [];
    const stepFromList = (idx: number) => {
      const b = blocks[idx] as Extract<Block, { type: "list" }>;
      claimed.add(b);
      const at = outline.under[idx];
      const group = at && at !== node ? tidyTitle(stripNumbering(at.title)) : undefined;
      for (const item of b.items) {
        const step: ParsedRunbookStep = { text: tidyTitle(readMarks(item.raw).text) || `Step ${steps.length + 1}` };
        if (group) step.group = group;
        const detail = textOfRanges(
          lines,
          item.children.map((c) => [c.line, c.endLine] as [number, number]),
        );
        if (detail) step.detail = detail;
        steps.push(step);
      }
    };
    const stepFromHeading = (h: HeadingNode) => {
      const step: ParsedRunbookStep = { text: tidyTitle(stripNumbering(h.title)) };
      const group = h.parent && h.parent !== node ? tidyTitle(stripNumbering(h.parent.title)) : undefined;
      if (group) step.group = group;
      const detail = textOfRanges(
        lines,
        blocks
          .slice(h.idx + 1, Math.min(nextHeading[h.idx], h.end))
          .map((c) => [c.line, c.endLine] as [number, number]),
      );
      if (detail) step.detail = detail;
      steps.push(step);
    };
    const from = Math.max(0, node.idx + 1);
    const to = node.end;
    if (mode === "lists") {
      for (let i = from; i < to; i++) if (mine(i) && isOrdered(blocks[i])) stepFromList(i);
    } else if (mode === "bullets") {
      for (let i = from; i < to; i++) if (mine(i) && blocks[i].type === "list" && !skip.has(blocks[i])) stepFromList(i);
    } else if (mode === "headings") {
      for (const k of childrenOf(node === virtual ? null : node)) if (NUMBERED.test(k.title)) stepFromHeading(k);
    } else if (mode === "leaves") {
      for (let i = from; i < to; i++)
        if (mine(i) && blocks[i].type === "heading" && !childrenOf(byIdx.get(i)!).length)
          stepFromHeading(byIdx.get(i)!);
    } else {
      // Alert runbook: numbered lists anywhere in it; a numbered sub-heading with no list is a step too;
      // in a remedy section (Diagnosis, Mitigation, Resolution …) with no numbered list, its bullets.
      const bulletSteps = new Set<HeadingNode>();
      for (const k of childrenOf(node === virtual ? null : node)) {
        if (!REMEDY_PART.test(k.title)) continue;
        let ordered = false;
        for (let j = k.idx + 1; j < k.end && !ordered; j++) ordered = isOrdered(blocks[j]);
        if (!ordered) bulletSteps.add(k);
      }
      for (let i = from; i < to; i++) {
        if (!mine(i)) continue;
        const b = blocks[i];
        const at = outline.under[i];
        if (isOrdered(b) || (b.type === "list" && !skip.has(b) && at && bulletSteps.has(at))) stepFromList(i);
        if (b.type === "heading") {
          const h = byIdx.get(i)!;
          let hasList = false;
          for (let j = i + 1; j < nextHeading[i] && !hasList; j++) hasList = isOrdered(blocks[j]);
          if (NUMBERED.test(h.title) && !hasList) stepFromHeading(h);
        }
      }
    }
    if (!steps.length) continue;
    regions.add(node === virtual ? null : node);
    for (let i = from; i < to; i++) {
      if (!mine(i)) continue;
      if (blocks[i].type === "list") claimed.add(blocks[i]);
      if (blocks[i].type === "heading") regions.add(byIdx.get(i)!);
    }
    const title = tidyTitle(
      stripNumbering(readMarks(node.title).text.replace(/^run ?book\s*[:\-–—]\s*/i, "")) || node.title,
    );
    let key = slugKey(title);
    for (let n = 2; keys.has(key); n++) key = `${slugKey(title)}-${n}`;
    keys.add(key);
    const lastLine = blocks[Math.max(0, to - 1)]?.endLine ?? node.line;
    const text = lines.slice(Math.max(0, node.line - 1), lastLine).join("\n");
    runbooks.push({
      key,
      title,
      steps,
      sectionPath: node === virtual ? [] : titlesOf(node),
      line: node === virtual ? 1 : node.line,
      cadenceDays: readCadence(plainInline(text)),
      rtoTargetSeconds: readTarget(text, "RTO"),
      rpoTargetSeconds: readTarget(text, "RPO"),
    });
  }
  return { runbooks, claimed, regions };
}
