// Runbook-shaped sections: numbered steps under a heading that names a runbook or playbook, or a
// restore / drill / incident response / rotation / recovery / escalation heading. Every numbered
// list in that section becomes its steps, grouped by the sub-heading they sit under; notes, code and
// bullets written under a step become its detail.
import type { Block, ParsedRunbook, ParsedRunbookStep } from "@/lib/import/types";
import { type HeadingNode, type Outline, pathOf, stripNumbering, titlesOf } from "@/lib/import/outline";
import { plainInline, readMarks, tidyTitle } from "@/lib/import/inline";
import { textOfRanges } from "@/lib/import/entry-content";
import { kebabKey } from "@/lib/core/slug";
import { CADENCE_WORDS, PROCEDURE_HEADING, RUNBOOK_HEADING, RUNBOOK_NAMED } from "@/lib/import/vocabulary";

export function slugKey(title: string): string {
  return kebabKey(title, 60, "runbook");
}

/** The heading a numbered list belongs to as a runbook, or null. Entry headings never hold runbooks. */
export function runbookRoot(under: HeadingNode | null, entryHeadings: Set<HeadingNode>): HeadingNode | null {
  const path = pathOf(under);
  const innermostEntry = path.map((h) => entryHeadings.has(h)).lastIndexOf(true);
  const eligible = path.slice(innermostEntry + 1);
  for (let k = eligible.length - 1; k >= 0; k--) if (RUNBOOK_NAMED.test(eligible[k].title)) return eligible[k];
  const outer = eligible.findIndex((h) => RUNBOOK_HEADING.test(h.title));
  if (outer < 0) return null;
  // Inside a restore or recovery section, a sub-section that names its own procedure ("Migrating
  // using a backup", "Repairing the workstations") is a runbook of its own.
  for (let k = eligible.length - 1; k > outer; k--) if (PROCEDURE_HEADING.test(eligible[k].title)) return eligible[k];
  return eligible[outer];
}

const DURATION = String.raw`(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)\b`;
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function readTarget(text: string, name: "RTO" | "RPO"): number | null {
  const m = new RegExp(String.raw`\b${name}\b[^0-9\n]{0,40}?${DURATION}`, "i").exec(text);
  if (!m) return null;
  const unit = m[2].toLowerCase();
  const factor = unit.startsWith("min") ? 60 : (UNIT[unit[0]] ?? 1);
  return Math.round(Number(m[1]) * factor);
}

export function readCadence(text: string): number | null {
  for (const [re, days] of CADENCE_WORDS) if (re.test(text)) return days;
  return null;
}

function detailOf(blocks: Block[], lines: string[]): string {
  return textOfRanges(
    lines,
    blocks.map((b) => [b.line, b.endLine] as [number, number]),
  );
}

export function collectRunbooks(
  blocks: Block[],
  outline: Outline,
  lines: string[],
  entryHeadings: Set<HeadingNode>,
  skip: Set<Block>,
): { runbooks: ParsedRunbook[]; claimed: Set<Block> } {
  const claimed = new Set<Block>();
  const roots: HeadingNode[] = [];
  blocks.forEach((b, idx) => {
    if (b.type !== "list" || !b.ordered || skip.has(b)) return;
    const root = runbookRoot(outline.under[idx], entryHeadings);
    if (root && !roots.includes(root)) roots.push(root);
  });
  const runbooks: ParsedRunbook[] = [];
  const keys = new Set<string>();
  for (const root of roots) {
    const steps: ParsedRunbookStep[] = [];
    const open: { step: ParsedRunbookStep; under: HeadingNode | null; extra: Block[] }[] = [];
    const flush = () => {
      const cur = open.pop();
      if (cur?.extra.length)
        cur.step.detail = [cur.step.detail, detailOf(cur.extra, lines)].filter(Boolean).join("\n\n");
    };
    for (let idx = root.idx + 1; idx < root.end; idx++) {
      const b = blocks[idx];
      const under = outline.under[idx];
      if (b.type === "heading") {
        flush();
        continue;
      }
      if (b.type === "list" && b.ordered && !skip.has(b) && runbookRoot(under, entryHeadings) === root) {
        flush();
        claimed.add(b);
        const group = under && under !== root ? stripNumbering(under.title) : undefined;
        for (const item of b.items) {
          const step: ParsedRunbookStep = { text: tidyTitle(readMarks(item.raw).text) };
          if (group) step.group = group;
          const detail = detailOf(item.children, lines);
          if (detail) step.detail = detail;
          steps.push(step);
          flush();
          open.push({ step, under, extra: [] });
        }
        continue;
      }
      const cur = open[0];
      if (cur && cur.under === under && b.type !== "break") cur.extra.push(b);
    }
    flush();
    if (!steps.length) continue;
    const title = tidyTitle(stripNumbering(root.title));
    let key = slugKey(title);
    for (let n = 2; keys.has(key); n++) key = `${slugKey(title)}-${n}`;
    keys.add(key);
    const text = lines.slice(root.line - 1, blocks[root.end - 1]?.endLine ?? root.line).join("\n");
    runbooks.push({
      key,
      title,
      steps,
      sectionPath: titlesOf(root),
      line: root.line,
      cadenceDays: readCadence(plainInline(text)),
      rtoTargetSeconds: readTarget(text, "RTO"),
      rpoTargetSeconds: readTarget(text, "RPO"),
    });
  }
  return { runbooks, claimed };
}
