// The heading tree over a flat block list: which heading each block sits under, where each
// heading's section ends, and the cleaned titles that make up section paths.
import type { Block } from "@/lib/import/types";
import { readMarks } from "@/lib/import/inline";
import { GENERIC_HEADING, PRIORITY_HEADING } from "@/lib/import/vocabulary";

export interface HeadingNode {
  idx: number;
  level: number;
  /** Title as a reader sees it: markup, leading emoji and trailing "✅ COMPLETE" removed. */
  title: string;
  mark: "done" | "open" | null;
  line: number;
  parent: HeadingNode | null;
  /** Index of the first block after this heading's section. */
  end: number;
}

export interface Outline {
  headings: HeadingNode[];
  /** For each block index, the innermost heading above it (null before the first heading). */
  under: Array<HeadingNode | null>;
}

export function buildOutline(blocks: Block[]): Outline {
  const headings: HeadingNode[] = [];
  const under: Array<HeadingNode | null> = [];
  const stack: HeadingNode[] = [];
  blocks.forEach((b, idx) => {
    if (b.type === "heading") {
      while (stack.length && stack[stack.length - 1].level >= b.level) stack.pop()!.end = idx;
      const marks = readMarks(b.raw);
      const node: HeadingNode = {
        idx,
        level: b.level,
        title: marks.text || b.raw.trim(),
        mark: marks.mark,
        line: b.line,
        parent: stack[stack.length - 1] ?? null,
        end: blocks.length,
      };
      headings.push(node);
      stack.push(node);
      under.push(node.parent);
    } else under.push(stack[stack.length - 1] ?? null);
  });
  return { headings, under };
}

/** Outermost first. */
export function pathOf(node: HeadingNode | null): HeadingNode[] {
  const out: HeadingNode[] = [];
  for (let n = node; n; n = n.parent) out.unshift(n);
  return out;
}

export function titlesOf(node: HeadingNode | null): string[] {
  return pathOf(node).map((h) => h.title);
}

/** "1. Authentication", "5.1: GitHub Actions Pipeline" -> the words without the numbering. */
export function stripNumbering(title: string): string {
  return (
    title
      .replace(/^\d+(?:\.\d+)*[.:)]?\s+/, "")
      .replace(/^\d+(?:\.\d+)+\s*[:.\-–—]\s*/, "")
      .trim() || title
  );
}

export function isPriorityHeading(title: string): boolean {
  return PRIORITY_HEADING.test(stripNumbering(title));
}

export function isGenericHeading(title: string): boolean {
  return GENERIC_HEADING.test(stripNumbering(title).replace(/:$/, ""));
}
