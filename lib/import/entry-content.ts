// Reads what an entry says about itself from the blocks under it: fields ("**Block**: CI/CD"),
// acceptance criteria, affected files, verification commands; the rest becomes its body.
import type { Block, ListItemBlock, ParsedCriterion } from "@/lib/import/types";
import { codeSpans, plainInline, readField, readMarks, tidyTitle } from "@/lib/import/inline";
import { LABELS, SHELL_LANGS } from "@/lib/import/vocabulary";

export interface EntryContent {
  priorityRaw: string | null;
  blockRaw: string | null;
  statusRaw: string | null;
  criteria: ParsedCriterion[];
  affectedFiles: string[];
  verificationCommands: string[];
  /** Line ranges (1-based, inclusive) whose text forms the body. */
  bodyRanges: Array<[number, number]>;
  /** Lists read as criteria (the caller must not read them again as items). */
  consumed: Set<Block>;
  hasCriteriaLabel: boolean;
}

type Pending = "criteria" | "files" | "verification" | "other" | null;

/** Field names the reader chose for the state and the priority (lib/import/mapping.ts). */
export interface FieldNames {
  status?: RegExp | null;
  priority?: RegExp | null;
}

export function labelKind(label: string, names?: FieldNames): keyof typeof LABELS | null {
  const l = label.trim();
  if (names?.status?.test(l)) return "status";
  if (names?.priority?.test(l)) return "priority";
  if (names?.status && LABELS.status.test(l)) return null;
  if (names?.priority && LABELS.priority.test(l)) return null;
  for (const [kind, re] of Object.entries(LABELS) as Array<[keyof typeof LABELS, RegExp]>) if (re.test(l)) return kind;
  return null;
}

/** Every item of a list, depth first, as criteria. */
export function criteriaFrom(items: ListItemBlock[], depth = 0, out: ParsedCriterion[] = []): ParsedCriterion[] {
  for (const item of items) {
    const marks = readMarks(item.raw);
    const text = tidyTitle(marks.text);
    if (text) out.push({ text, done: item.checked ?? marks.mark === "done", depth });
    for (const child of item.children) if (child.type === "list") criteriaFrom(child.items, depth + 1, out);
  }
  return out;
}

/** Shell commands in a code block: prompts and comments dropped, "\" continuations joined. */
export function commandsFrom(code: string): Array<{ command: string; comment: string | null }> {
  const out: Array<{ command: string; comment: string | null }> = [];
  let comment: string | null = null;
  let pending = "";
  for (const rawLine of code.split("\n")) {
    const line = rawLine.trim();
    if (!line) continue;
    if (line.startsWith("#") && !pending) {
      comment = line.replace(/^#+\s*/, "");
      continue;
    }
    const text = line.replace(/^\$\s+/, "");
    if (text.endsWith("\\")) {
      pending += `${text.slice(0, -1).trim()} `;
      continue;
    }
    out.push({ command: `${pending}${text}`.trim(), comment });
    pending = "";
  }
  if (pending.trim()) out.push({ command: pending.trim(), comment });
  return out;
}

function filesFrom(items: ListItemBlock[]): string[] {
  return items.map((i) => codeSpans(i.raw)[0] ?? plainInline(i.raw)).filter(Boolean);
}

/** A list most of whose items are "Label: value" fields with at least one state, priority or criteria label. */
function fieldList(items: ListItemBlock[], names?: FieldNames): boolean {
  let fields = 0;
  let known = 0;
  for (const item of items) {
    const f = readField(item.raw.split("\n")[0]);
    if (!f) continue;
    fields++;
    const kind = labelKind(f.label, names);
    if (kind === "status" || kind === "priority" || kind === "criteria") known++;
  }
  return known > 0 && fields * 2 > items.length;
}

export function readEntryContent(blocks: Block[], names?: FieldNames): EntryContent {
  const c: EntryContent = {
    priorityRaw: null,
    blockRaw: null,
    statusRaw: null,
    criteria: [],
    affectedFiles: [],
    verificationCommands: [],
    bodyRanges: [],
    consumed: new Set(),
    hasCriteriaLabel: false,
  };
  let pending: Pending = null;
  for (const block of blocks) {
    if (block.type === "paragraph") {
      const lines = block.raw.split("\n");
      lines.forEach((line, k) => {
        const field = readField(line);
        const kind = field ? labelKind(field.label, names) : null;
        const value = field?.valueRaw ?? "";
        let used = true;
        if (!field) used = false;
        else if (kind === "priority") c.priorityRaw ??= value;
        else if (kind === "block") c.blockRaw ??= plainInline(value);
        else if (kind === "status") c.statusRaw ??= value;
        else if (kind === "criteria") {
          if (value)
            c.criteria.push({
              text: tidyTitle(readMarks(value).text),
              done: readMarks(value).mark === "done",
              depth: 0,
            });
          else {
            pending = "criteria";
            c.hasCriteriaLabel = true;
          }
        } else if (kind === "files" || kind === "location") {
          const spans = codeSpans(value);
          c.affectedFiles.push(...(kind === "files" && !spans.length && value ? [plainInline(value)] : spans));
          pending = !value || (kind === "location" && !spans.length) ? "files" : null;
          used = kind === "files" || spans.length > 0 || !value;
        } else if (kind === "verification" && !value) pending = "verification";
        else {
          used = false;
          if (!value) pending = "other";
        }
        if (!used) c.bodyRanges.push([block.line + k, block.line + k]);
      });
      continue;
    }
    if (block.type === "list" && pending === null && fieldList(block.items, names)) {
      // "- **Status:** [x] done", "- **Severity:** High": fields written as a list.
      for (const item of block.items) {
        const field = readField(item.raw.split("\n")[0]);
        const kind = field ? labelKind(field.label, names) : null;
        const value = field?.valueRaw ?? "";
        if (kind === "priority" && value) c.priorityRaw ??= value;
        else if (kind === "block" && value) c.blockRaw ??= plainInline(value);
        else if (kind === "status" && value) c.statusRaw ??= value;
        else if (kind === "criteria" && value)
          c.criteria.push({ text: tidyTitle(plainInline(value)), done: false, depth: 0 });
        else if (kind === "criteria") {
          c.hasCriteriaLabel = true;
          for (const child of item.children) if (child.type === "list") c.criteria.push(...criteriaFrom(child.items));
        } else c.bodyRanges.push([item.line, item.endLine]);
      }
      c.consumed.add(block);
      continue;
    }
    if (block.type === "list" && pending === null && block.items.every((i) => i.checked !== null)) {
      // A checklist written straight under an entry: its acceptance criteria.
      c.criteria.push(...criteriaFrom(block.items));
      c.consumed.add(block);
      continue;
    }
    if (block.type === "list") {
      if (pending === "criteria") {
        c.criteria.push(...criteriaFrom(block.items));
        c.consumed.add(block);
      } else if (pending === "files") {
        c.affectedFiles.push(...filesFrom(block.items));
        c.consumed.add(block);
      } else if (pending === "verification") {
        c.verificationCommands.push(...block.items.flatMap((i) => codeSpans(i.raw)));
        c.consumed.add(block);
      } else c.bodyRanges.push([block.line, block.endLine]);
      pending = null;
      continue;
    }
    if (block.type === "code") {
      if (pending === "verification" || (block.lang && SHELL_LANGS.test(block.lang))) {
        c.verificationCommands.push(...commandsFrom(block.value).map((x) => x.command));
        c.consumed.add(block);
      } else c.bodyRanges.push([block.line, block.endLine]);
      pending = null;
      continue;
    }
    if (block.type === "table") c.bodyRanges.push([block.line, block.endLine]);
    if (block.type === "heading") {
      const kind = labelKind(readMarks(block.raw).text.replace(/:$/, ""));
      pending = kind === "criteria" || kind === "files" || kind === "verification" ? kind : null;
      if (kind === "criteria") c.hasCriteriaLabel = true;
      if (!pending) c.bodyRanges.push([block.line, block.endLine]);
    }
  }
  return c;
}

/** The text of some line ranges of the document, common indentation removed, blank runs collapsed. */
export function textOfRanges(lines: string[], ranges: Array<[number, number]>): string {
  const picked: string[] = [];
  let lastEnd = -1;
  for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (from <= lastEnd) continue;
    if (picked.length && from > lastEnd + 1) picked.push("");
    picked.push(...lines.slice(from - 1, to));
    lastEnd = to;
  }
  const indents = picked.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return picked
    .map((l) => l.slice(cut).trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
