// From blocks to what a reader would call the document's work: sections, backlog items (gap entries,
// list items, table rows, checklist items) and runbooks. The rules are written up in docs/importing.md.
import type { Block, BlockDocument, ImportKind, ListItemBlock, ParsedItem, ParsedSection } from "@/lib/import/types";
import { type HeadingNode, buildOutline, isGenericHeading, isPriorityHeading, pathOf, stripNumbering, titlesOf } from "@/lib/import/outline";
import { type EntryContent, criteriaFrom, readEntryContent, textOfRanges } from "@/lib/import/entry-content";
import { readMarks, tidyTitle } from "@/lib/import/inline";
import { readPriority, readStatus, titleTag } from "@/lib/import/signals";
import { tableRowItems } from "@/lib/import/table-items";
import { collectRunbooks } from "@/lib/import/runbooks";
import { mergeCandidates, type Candidate } from "@/lib/import/merge";
import { KEY_SOURCE, REFERENCE_HEADING, priorityWord } from "@/lib/import/vocabulary";

const KEYED = new RegExp(`^(${KEY_SOURCE})(?:\\s*[:\\-–—|]\\s*|\\s+)(\\S.*)$|^(${KEY_SOURCE})$`);

export function splitKey(text: string): { key: string | null; rest: string } {
  const m = KEYED.exec(text.trim());
  if (!m) return { key: null, rest: text };
  return m[3] ? { key: m[3], rest: "" } : { key: m[1], rest: m[2] };
}

export interface Interpretation {
  title: string | null;
  sections: ParsedSection[];
  items: ParsedItem[];
  runbooks: ReturnType<typeof collectRunbooks>["runbooks"];
  warnings: string[];
}

export function interpret(doc: BlockDocument): Interpretation {
  const { blocks, lines } = doc;
  const outline = buildOutline(blocks);
  const warnings = [...doc.notes];
  const first = outline.headings[0];
  const docTitle = first && first.idx === blocks.findIndex((b) => b.type !== "break") && outline.headings.filter((h) => h.level <= first.level).length === 1 ? first : null;
  const sections: ParsedSection[] = outline.headings.map((h) => ({ title: h.title, level: h.level, line: h.line, path: titlesOf(h) }));

  const entryHeadings = new Set<HeadingNode>();
  const inEntry = new Set<Block>(); // blocks an entry read (criteria, body): not items of their own
  const candidates: Candidate[] = [];

  const blockFor = (under: HeadingNode | null): string | null => {
    const path = pathOf(under);
    const cut = path.map((h) => entryHeadings.has(h)).indexOf(true);
    const outer = cut >= 0 ? path.slice(0, cut) : path;
    for (let k = outer.length - 1; k >= 0; k--) {
      const h = outer[k];
      if (h === docTitle || isPriorityHeading(h.title) || isGenericHeading(h.title)) continue;
      return tidyTitle(stripNumbering(h.title));
    }
    return null;
  };
  const inherited = (under: HeadingNode | null) => {
    for (const h of pathOf(under).reverse()) {
      if (isPriorityHeading(h.title)) {
        const word = /(BLOCKER|CRITICAL|HIGH|MEDIUM|LOW|P[0-3])/i.exec(stripNumbering(h.title))![1];
        return { priority: priorityWord(word), raw: h.title };
      }
    }
    return null;
  };

  function candidate(base: { key: string | null; title: string; kind: ImportKind; under: HeadingNode | null; sectionPath: string[]; line: number; rank: number; content?: EntryContent; mark?: "done" | "open" | null; checked?: boolean | null; body?: string }): Candidate {
    const tag = titleTag(base.title);
    const own = readPriority(base.content?.priorityRaw);
    const inh = inherited(base.under);
    const priority = own.priority ?? tag.priority ?? inh?.priority ?? null;
    const statusField = readStatus(base.content?.statusRaw);
    const done = base.checked === true || base.mark === "done" || own.done || statusField === "DONE";
    return {
      key: base.key,
      title: tidyTitle(tag.title) || base.key || "Untitled",
      kind: base.kind,
      block: base.content?.blockRaw || blockFor(base.under),
      priority,
      priorityRaw: own.priority ? (base.content?.priorityRaw ?? null) : tag.priority ? tag.raw : (inh?.raw ?? null),
      priorityInherited: !own.priority && !tag.priority && !!inh,
      status: done ? "DONE" : (statusField ?? "OPEN"),
      body: base.body ?? (base.content ? textOfRanges(lines, base.content.bodyRanges) : ""),
      criteria: base.content?.criteria ?? [],
      affectedFiles: [...new Set(base.content?.affectedFiles ?? [])],
      verificationCommands: base.content?.verificationCommands ?? [],
      sectionPath: base.sectionPath,
      line: base.line,
      rank: base.rank,
      explicitPriority: !!(own.priority ?? tag.priority),
    };
  }

  // 1. Headings that are entries: a key, or fields such as Priority/Block, or acceptance criteria.
  for (const h of outline.headings) {
    const own: Block[] = [];
    for (let j = h.idx + 1; j < h.end; j++) {
      const b = blocks[j];
      if (b.type === "heading") {
        const sub = outline.headings.find((x) => x.idx === j)!;
        if (!/^(acceptance criteria|criteria|affected files|files|verification)$/i.test(sub.title.replace(/:$/, ""))) {
          j = sub.end - 1;
          continue;
        }
      }
      own.push(b);
    }
    const { key, rest } = splitKey(h.title);
    const content = readEntryContent(own);
    if (!key && !content.priorityRaw && !content.blockRaw && !(content.hasCriteriaLabel && content.criteria.length)) continue;
    entryHeadings.add(h);
    own.forEach((b) => inEntry.add(b));
    candidates.push(candidate({ key, title: stripNumbering(key ? rest || key : h.title), kind: key ? "GAP" : "ITEM", under: h.parent, sectionPath: titlesOf(h), line: h.line, rank: 3, content, mark: h.mark }));
  }

  // 2. Runbooks claim their numbered lists before lists are read as items.
  const { runbooks, claimed } = collectRunbooks(blocks, outline, lines, entryHeadings, inEntry);

  // 3. Lists: keyed items everywhere; checklist items everywhere; every item when the document has no entries.
  const topLists = blocks.map((b, idx) => ({ b, idx })).filter(({ b }) => b.type === "list" && !inEntry.has(b) && !claimed.has(b));
  const listItemCandidate = (item: ListItemBlock, under: HeadingNode | null, kind: ImportKind, key: string | null, text: string, mark: "done" | "open" | null) => {
    const lists = item.children.filter((c): c is Extract<Block, { type: "list" }> => c.type === "list");
    const other = item.children.filter((c) => c.type !== "list");
    const content: EntryContent = { ...readEntryContent(other), criteria: lists.flatMap((l) => criteriaFrom(l.items)) };
    return candidate({ key, title: text, kind, under, sectionPath: titlesOf(under), line: item.line, rank: 2, content, mark, checked: item.checked });
  };
  for (const { b, idx } of topLists) {
    if (b.type !== "list") continue;
    for (const item of b.items) {
      const marks = readMarks(item.raw);
      const { key, rest } = splitKey(marks.text);
      if (key) candidates.push(listItemCandidate(item, outline.under[idx], "GAP", key, rest || key, marks.mark));
    }
  }
  const structured = entryHeadings.size > 0;
  const checklistWords = /checklist/i;
  for (const { b, idx } of topLists) {
    if (b.type !== "list") continue;
    const under = outline.under[idx];
    if (pathOf(under).some((h) => REFERENCE_HEADING.test(stripNumbering(h.title).replace(/:$/, "")))) continue;
    const inChecklist = checklistWords.test(titlesOf(under).join(" ")) || (!!docTitle && checklistWords.test(docTitle.title));
    for (const item of b.items) {
      const marks = readMarks(item.raw);
      if (splitKey(marks.text).key) continue;
      if (structured && item.checked === null) continue;
      const kind: ImportKind = item.checked !== null || inChecklist ? "CHECKLIST" : "ITEM";
      candidates.push(listItemCandidate(item, under, kind, null, marks.text, marks.mark));
    }
  }

  // 4. Tables whose rows are items.
  blocks.forEach((b, idx) => {
    if (b.type !== "table") return;
    const rows = tableRowItems(b);
    if (!rows) return;
    const under = outline.under[idx];
    const doneSection = !!under && /^(completed|done|resolved|closed)$/i.test(stripNumbering(under.title));
    for (const r of rows) {
      const c = candidate({ key: r.key, title: r.title, kind: r.key ? "GAP" : "ITEM", under, sectionPath: titlesOf(under), line: r.line, rank: 1 });
      if (r.priority) Object.assign(c, { priority: r.priority, priorityRaw: r.priorityRaw, priorityInherited: false, explicitPriority: true });
      const status = r.status ?? (doneSection ? "DONE" : null);
      if (status) c.status = status;
      if (r.block) c.block = r.block;
      candidates.push(c);
    }
  });

  const freeCode = new Set(blocks.filter((b) => b.type === "code" && !inEntry.has(b)));
  const items = mergeCandidates(candidates, blocks, warnings, freeCode);
  const leading = first && first.idx === blocks.findIndex((b) => b.type !== "break") ? first : null;
  return { title: (docTitle ?? leading)?.title ?? null, sections, items, runbooks, warnings };
}
