// Runbooks beyond the sections the first rules name (lib/import/runbooks.ts): sections the reader
// chose as runbooks; alert runbooks recognised by their sections (Meaning / Impact / Diagnosis /
// Mitigation, Symptoms / Cause / Resolution); procedures under a heading that names one (upgrading,
// migrating, repairing, "the process for", a walkthrough) whose steps are numbered lists; and
// walkthroughs or checklists whose steps are numbered sub-headings, or, with no lists of steps at all,
// their innermost sections. Lists inside a runbook are its steps and notes, never backlog items.
import type { Block, ParsedRunbook, ParsedRunbookStep } from "@/lib/import/types";
import { type HeadingNode, type Outline, pathOf, stripNumbering, titlesOf } from "@/lib/import/outline";
import { plainInline, readMarks, tidyTitle } from "@/lib/import/inline";
import { textOfRanges } from "@/lib/import/entry-content";
import { readCadence, readTarget, slugKey } from "@/lib/import/runbooks";
import { type ResolvedMapping, chosen } from "@/lib/import/mapping";
import { RUNBOOK_HEADING, RUNBOOK_NAMED } from "@/lib/import/vocabulary";

/** Sections an alert runbook is made of; two of them (one a diagnosis or a remedy) make a runbook. */
const RUNBOOK_PART = /\b(meaning|impact|diagnos[a-z]*|mitigations?|symptoms?|causes?|resolution|remediation|quick fix(?:es)?|escalation|investigation|triage|verification)\b/i;
const RUNBOOK_ACTION_PART = /\b(diagnos[a-z]*|mitigations?|symptoms?|causes?|resolution|remediation|quick fix(?:es)?)\b/i;
/** Headings that name a procedure: their numbered lists are its steps. */
export const PROCEDURE_HEADING = /\b(upgrad(?:e|es|ing)|migrat(?:e|es|ing|ion)|repair(?:ing)?|rotating|process for|procedures?|walk-?through|how to|install(?:ing|ation)?|deploy(?:ing|ment)?)\b/i;
/**
 * Headings whose sub-sections can be the steps: walkthroughs, runbooks, procedures, and checklists
 * for a release, a launch, a deployment or an upgrade. A hardening or readiness checklist is a backlog.
 */
const WALKTHROUGH_HEADING = /\b(walk-?through|run ?book|play ?book|procedures?)\b/i;
const RELEASE_WORDS = /\b(release|releasing|deploy(?:ing|ment)?|launch|upgrade|migration|rollout|cutover)\b/i;
const BACKLOG_WORDS = /\b(hardening|readiness|security|gaps?|backlog|audit|compliance|remediation|issues)\b/i;
export const walkthrough = (title: string) => WALKTHROUGH_HEADING.test(title) || (/\bchecklist\b/i.test(title) && RELEASE_WORDS.test(title) && !BACKLOG_WORDS.test(title));
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

type Root = { node: HeadingNode; mode: "lists" | "headings" | "leaves" | "alert" };

export function collectProcedures(input: ProcedureInput): ProcedureResult {
  const { blocks, outline, lines, entryHeadings, skip, taken, mapping } = input;
  const headings = outline.headings;
  const childrenOf = (h: HeadingNode | null) => headings.filter((x) => x.parent === h);
  const takenLines = new Set(taken.map((r) => r.line));
  const inEntry = (h: HeadingNode | null) => pathOf(h).some((x) => entryHeadings.has(x));
  // A document with no heading over its sections gets one from its front matter (or stays without).
  const virtual: HeadingNode | null = input.virtualTitle && !headings.some((h) => h.level === 1 && h.idx === blocks.findIndex((b) => b.type !== "break"))
    ? { idx: -1, level: 0, title: input.virtualTitle, mark: null, line: 1, parent: null, end: blocks.length }
    : null;
  const sectionOf = (h: HeadingNode) => ({ from: h.idx + 1, to: h.end });
  const under = (idx: number) => outline.under[idx] ?? virtual;
  const within = (h: HeadingNode, idx: number) => idx > h.idx && idx < h.end;
  const orderedIn = (h: HeadingNode) => {
    const { from, to } = sectionOf(h);
    const out: number[] = [];
    for (let i = from; i < to; i++) if (blocks[i].type === "list" && (blocks[i] as Extract<Block, { type: "list" }>).ordered && !skip.has(blocks[i])) out.push(i);
    return out;
  };

  const roots: Root[] = [];
  const isRoot = (h: HeadingNode) => roots.some((r) => r.node === h);
  const covered = (h: HeadingNode) => roots.some((r) => r.node === h || (r.node.idx < h.idx && h.idx < r.node.end)) || takenLines.has(h.line);
  const candidatesOf = virtual ? [virtual, ...headings] : headings;

  for (const h of candidatesOf) {
    if (inEntry(h) || covered(h) || entryHeadings.has(h)) continue;
    const kids = h === virtual ? headings.filter((x) => x.parent === null) : childrenOf(h);
    // The reader's choice.
    if (h !== virtual && chosen(mapping.runbooks, h.title)) {
      roots.push({ node: h, mode: orderedIn(h).length ? "lists" : kids.some((k) => NUMBERED.test(k.title)) ? "headings" : "leaves" });
      continue;
    }
    if (mapping.runbooks.size) continue;
    // An alert runbook: Meaning / Impact / Diagnosis / Mitigation, Symptom / Causes / Remediation.
    const parts = kids.filter((k) => RUNBOOK_PART.test(stripNumbering(k.title)));
    if (parts.length >= 2 && parts.some((k) => RUNBOOK_ACTION_PART.test(k.title)) && !kids.some((k) => entryHeadings.has(k))) {
      roots.push({ node: h, mode: "alert" });
      continue;
    }
    const named = RUNBOOK_NAMED.test(h.title) || RUNBOOK_HEADING.test(h.title) || PROCEDURE_HEADING.test(h.title) || WALKTHROUGH_HEADING.test(h.title);
    if (!named && !walkthrough(h.title)) continue;
    // A walkthrough whose steps are numbered sub-headings "1. Tag the release", "2. Build" …
    const numbered = kids.filter((k) => NUMBERED.test(k.title));
    if (named && numbered.length >= 3 && Number(NUMBERED.exec(numbered[0].title)![1]) === 1 && numbered.every((k) => !entryHeadings.has(k))) {
      roots.push({ node: h, mode: "headings" });
      continue;
    }
    // A release checklist or walkthrough of sections, with no numbered lists, tables or checkboxes in it.
    if (walkthrough(h.title) && h !== virtual) {
      const { from, to } = sectionOf(h);
      const body = blocks.slice(from, to);
      const leaves = headings.filter((x) => within(h, x.idx) && !headings.some((y) => y.parent === x));
      const plain = !body.some((b) => b.type === "table" || (b.type === "list" && (b.ordered || b.items.some((i) => i.checked !== null))));
      if (plain && leaves.length >= 3) {
        roots.push({ node: h, mode: "leaves" });
        continue;
      }
    }
  }

  // Procedures: a numbered list of at least three steps under a heading that names a procedure (the
  // innermost), or, failing that, under the document's own title when it names one.
  blocks.forEach((b, idx) => {
    if (b.type !== "list" || !b.ordered || skip.has(b) || mapping.runbooks.size) return;
    const at = under(idx);
    if (!at || inEntry(outline.under[idx])) return;
    if (roots.some((r) => r.node === at || within(r.node, idx))) return;
    const path = at === virtual ? [virtual] : [...(virtual ? [virtual] : []), ...pathOf(at)];
    let root: HeadingNode | null = null;
    for (let k = path.length - 1; k >= 0 && !root; k--) if (path[k] !== virtual && PROCEDURE_HEADING.test(path[k]!.title)) root = path[k];
    if (!root && virtual && (RUNBOOK_HEADING.test(virtual.title) || RUNBOOK_NAMED.test(virtual.title) || PROCEDURE_HEADING.test(virtual.title))) root = virtual;
    if (!root || isRoot(root) || takenLines.has(root.line)) return;
    const steps = orderedIn(root).reduce((n, i) => n + (blocks[i] as Extract<Block, { type: "list" }>).items.length, 0) + (root === virtual ? b.items.length : 0);
    if (steps >= 3) roots.push({ node: root, mode: "lists" });
  });

  const claimed = new Set<Block>();
  const regions = new Set<HeadingNode | null>();
  const runbooks: ParsedRunbook[] = [];
  const keys = new Set(taken.map((r) => r.key));
  for (const { node, mode } of roots.sort((a, b) => a.node.idx - b.node.idx)) {
    const nested = roots.filter((r) => r.node !== node && within(node, r.node.idx)).map((r) => r.node);
    const mine = (idx: number) => within(node, idx) && !nested.some((n) => within(n, idx) || n.idx === idx);
    const steps: ParsedRunbookStep[] = [];
    const stepFromList = (idx: number) => {
      const b = blocks[idx] as Extract<Block, { type: "list" }>;
      claimed.add(b);
      const at = outline.under[idx];
      const group = at && at !== node ? tidyTitle(stripNumbering(at.title)) : undefined;
      for (const item of b.items) {
        const step: ParsedRunbookStep = { text: tidyTitle(readMarks(item.raw).text) || `Step ${steps.length + 1}` };
        if (group) step.group = group;
        const detail = textOfRanges(lines, item.children.map((c) => [c.line, c.endLine] as [number, number]));
        if (detail) step.detail = detail;
        steps.push(step);
      }
    };
    const stepFromHeading = (h: HeadingNode) => {
      const step: ParsedRunbookStep = { text: tidyTitle(stripNumbering(h.title)) };
      const group = h.parent && h.parent !== node ? tidyTitle(stripNumbering(h.parent.title)) : undefined;
      if (group) step.group = group;
      const end = headings.find((y) => y.idx > h.idx)?.idx ?? h.end;
      const detail = textOfRanges(lines, blocks.slice(h.idx + 1, Math.min(end, h.end)).map((c) => [c.line, c.endLine] as [number, number]));
      if (detail) step.detail = detail;
      steps.push(step);
    };
    const from = node.idx + 1;
    const to = node.end;
    if (mode === "lists") {
      for (let i = from; i < to; i++) if (mine(i) && blocks[i].type === "list" && (blocks[i] as Extract<Block, { type: "list" }>).ordered && !skip.has(blocks[i])) stepFromList(i);
    } else if (mode === "headings") {
      for (const k of node === virtual ? headings.filter((x) => x.parent === null) : childrenOf(node)) if (NUMBERED.test(k.title)) stepFromHeading(k);
    } else if (mode === "leaves") {
      for (const x of headings) if (mine(x.idx) && !headings.some((y) => y.parent === x)) stepFromHeading(x);
    } else {
      // Alert runbook: numbered lists anywhere in it; a numbered sub-heading with no list is a step too.
      for (let i = Math.max(0, from); i < to; i++) {
        if (!mine(i)) continue;
        const b = blocks[i];
        if (b.type === "list" && b.ordered && !skip.has(b)) stepFromList(i);
        if (b.type === "heading") {
          const h = headings.find((y) => y.idx === i)!;
          const end = headings.find((y) => y.idx > i)?.idx ?? h.end;
          const hasList = blocks.slice(i + 1, end).some((x) => x.type === "list" && x.ordered);
          if (NUMBERED.test(h.title) && !hasList) stepFromHeading(h);
        }
      }
    }
    if (!steps.length) continue;
    for (let i = Math.max(0, from); i < to; i++) {
      if (!mine(i)) continue;
      if (blocks[i].type === "list") claimed.add(blocks[i]);
    }
    regions.add(node === virtual ? null : node);
    for (const h of headings) if (mine(h.idx)) regions.add(h);
    const title = tidyTitle(stripNumbering(readMarks(node.title).text.replace(/^run ?book\s*[:\-–—]\s*/i, "")) || node.title);
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
