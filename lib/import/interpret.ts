// From blocks to what a reader would call the document's work: sections, backlog items (gap entries,
// list items, table rows, checklist items) and runbooks. The rules are written up in docs/importing.md.
import type {
  Block,
  BlockDocument,
  ImportKind,
  ImportStatus,
  ListItemBlock,
  ParsedItem,
  ParsedSection,
} from "@/lib/import/types";
import {
  type HeadingNode,
  buildOutline,
  isGenericHeading,
  isPriorityHeading,
  pathOf,
  stripNumbering,
  titlesOf,
} from "@/lib/import/outline";
import { type EntryContent, criteriaFrom, readEntryContent, textOfRanges } from "@/lib/import/entry-content";
import { readMarks, tidyTitle } from "@/lib/import/inline";
import { readPriority, readStatus, titleTag } from "@/lib/import/signals";
import { tableRowItems } from "@/lib/import/table-items";
import { collectRunbooks } from "@/lib/import/runbooks";
import { mergeCandidates, type Candidate } from "@/lib/import/merge";
import { KEY_SOURCE, REFERENCE_HEADING, RUNBOOK_HEADING, RUNBOOK_NAMED, priorityWord } from "@/lib/import/vocabulary";
import { type HeadingTags, headingId, headingTags } from "@/lib/import/heading-signals";
import { type ResolvedMapping, chosen, resolveMapping } from "@/lib/import/mapping";
import { PROCEDURE_HEADING, collectProcedures, walkthrough } from "@/lib/import/procedures";

const stripEmoji = (t: string) => t.replace(/^[\p{Extended_Pictographic}\uFE0F\s]+/u, "");

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

export function interpret(doc: BlockDocument, mapping: ResolvedMapping = resolveMapping()): Interpretation {
  const { blocks, lines } = doc;
  const outline = buildOutline(blocks);
  const warnings = [...doc.notes];
  const first = outline.headings[0];
  const docTitle =
    first &&
    first.idx === blocks.findIndex((b) => b.type !== "break") &&
    outline.headings.filter((h) => h.level <= first.level).length === 1
      ? first
      : null;
  const sections: ParsedSection[] = outline.headings.map((h) => ({
    title: h.title,
    level: h.level,
    line: h.line,
    path: titlesOf(h),
  }));

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

  function candidate(base: {
    key: string | null;
    title: string;
    kind: ImportKind;
    under: HeadingNode | null;
    sectionPath: string[];
    line: number;
    rank: number;
    content?: EntryContent;
    mark?: "done" | "open" | null;
    checked?: boolean | null;
    body?: string;
    tagStatus?: ImportStatus | null;
  }): Candidate {
    const tag = titleTag(base.title);
    const own = readPriority(base.content?.priorityRaw);
    const inh = inherited(base.under);
    const priority = own.priority ?? tag.priority ?? inh?.priority ?? null;
    const statusField = readStatus(base.content?.statusRaw);
    let done = base.checked === true || base.mark === "done" || own.done || statusField === "DONE";
    let state: ImportStatus | null = statusField;
    // The reader chose where the state is written: only that signal counts.
    if (mapping.state === "checkbox") [done, state] = [base.checked === true, null];
    else if (mapping.state === "field" || mapping.state === "table")
      [done, state] = [statusField === "DONE", statusField];
    else if (mapping.state === "emoji" || mapping.state === "strike") [done, state] = [base.mark === "done", null];
    else if (mapping.state === "backtick") [done, state] = [base.tagStatus === "DONE", base.tagStatus ?? null];
    return {
      key: base.key,
      title: tidyTitle(tag.title) || base.key || "Untitled",
      kind: base.kind,
      block: base.content?.blockRaw || blockFor(base.under),
      priority,
      priorityRaw: own.priority ? (base.content?.priorityRaw ?? null) : tag.priority ? tag.raw : (inh?.raw ?? null),
      priorityInherited: !own.priority && !tag.priority && !!inh,
      status: done ? "DONE" : (state ?? "OPEN"),
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

  // 1. Headings that are entries: a key (REL-001, or an ID such as 7f, C1, GAP 1, Check-Identity-01),
  // fields such as Priority/Block/Status, acceptance criteria, or a state or priority tag after the title.
  // The document's title is never an entry unless it has a key; a heading that only holds other
  // entries (a "Tier 1" over "GAP 1", "GAP 5") is a group, not an entry.
  const headingAt = new Map(outline.headings.map((x) => [x.idx, x]));
  const fieldNames = { status: mapping.stateField, priority: mapping.priorityField };
  const entryOf = new Map<
    HeadingNode,
    { own: Block[]; content: EntryContent; key: string | null; rest: string; strong: boolean; tags: HeadingTags }
  >();
  // A section the reader left out holds no entries: its own heading and every heading under it.
  const skipped = (idx: number) =>
    mapping.skip.size > 0 && pathOf(outline.under[idx]).some((h) => chosen(mapping.skip, h.title));
  for (const h of outline.headings) {
    if (chosen(mapping.skip, h.title) || skipped(h.idx)) continue;
    const own: Block[] = [];
    for (let j = h.idx + 1; j < h.end; j++) {
      const b = blocks[j];
      if (b.type === "heading") {
        const sub = headingAt.get(j)!;
        if (!/^(acceptance criteria|criteria|affected files|files|verification)$/i.test(sub.title.replace(/:$/, ""))) {
          j = sub.end - 1;
          continue;
        }
      }
      own.push(b);
    }
    const raw = (blocks[h.idx] as Extract<Block, { type: "heading" }>).raw;
    const tags = headingTags(raw);
    const old = splitKey(h.title);
    const id = old.key ? null : headingId(stripEmoji(readMarks(tags.title).text || h.title));
    const key = old.key ?? id?.key ?? null;
    const rest = old.key ? old.rest : (id?.rest ?? h.title);
    const content = readEntryContent(own, fieldNames);
    const forced = mapping.itemLevel !== null && h.level === mapping.itemLevel;
    if (mapping.itemLevel !== null && !forced) continue;
    if (!forced && h === docTitle && !old.key) continue;
    const signalled = !!(
      content.priorityRaw ||
      content.blockRaw ||
      (content.hasCriteriaLabel && content.criteria.length)
    );
    const tagged =
      (!!(tags.priority || tags.status) && !isPriorityHeading(h.title)) ||
      (!!content.statusRaw && (!!key || own.some((b) => b.type === "paragraph" || b.type === "list")));
    if (!forced && !key && !signalled && !tagged) continue;
    entryOf.set(h, { own, content, key, rest, strong: !!old.key || signalled, tags });
  }
  const holdsKeyed = new Set<HeadingNode>();
  for (const [h, e] of entryOf) {
    if (!e.key) continue;
    for (let x = h.parent; x && !holdsKeyed.has(x); x = x.parent) holdsKeyed.add(x);
  }
  for (const [h, e] of entryOf) if (!e.strong && mapping.itemLevel === null && holdsKeyed.has(h)) entryOf.delete(h);
  for (const [h, e] of entryOf) {
    entryHeadings.add(h);
    e.own.forEach((b) => inEntry.add(b));
    const mark = h.mark ?? (e.tags.status === "DONE" ? "done" : null);
    const c = candidate({
      key: e.key,
      title: stripNumbering(e.key ? e.rest || e.key : readMarks(e.tags.title).text || h.title),
      kind: e.key ? "GAP" : "ITEM",
      under: h.parent,
      sectionPath: titlesOf(h),
      line: h.line,
      rank: 3,
      content: e.content,
      mark,
      tagStatus: e.tags.status,
    });
    if (!c.priority && e.tags.priority)
      Object.assign(c, {
        priority: e.tags.priority,
        priorityRaw: e.tags.priorityRaw,
        priorityInherited: false,
        explicitPriority: true,
      });
    if (e.tags.status && c.status !== "DONE" && !e.content.statusRaw && mapping.state === "auto")
      c.status = e.tags.status;
    c.explicitStatus = !!(e.content.statusRaw || e.tags.status || h.mark);
    candidates.push(c);
  }

  // 2. Runbooks claim their numbered lists before lists are read as items: sections named as runbooks
  // or procedures, alert runbooks (Meaning / Diagnosis / Mitigation, Symptoms / Cause / Resolution),
  // walkthroughs whose steps are numbered sub-headings.
  const skipBlocks = new Set<Block>(inEntry);
  blocks.forEach((b, idx) => {
    if (skipped(idx)) skipBlocks.add(b);
  });
  const old = collectRunbooks(blocks, outline, lines, entryHeadings, skipBlocks);
  const more = collectProcedures({
    blocks,
    outline,
    lines,
    entryHeadings,
    skip: new Set([...skipBlocks, ...old.claimed]),
    taken: old.runbooks,
    docTitle,
    virtualTitle: doc.frontMatterTitle,
    mapping,
  });
  const runbooks = [...old.runbooks, ...more.runbooks].sort((a, b) => a.line - b.line);
  const claimed = new Set([...old.claimed, ...more.claimed]);

  // 3. Tables whose rows are items. A row that starts with the ID of an entry read above is a
  // mention of it (a status table, a summary), merged into it.
  const entryKeys = new Set(candidates.filter((c) => c.rank === 3 && c.key).map((c) => c.key!));
  let tableItems = 0;
  blocks.forEach((b, idx) => {
    if (b.type !== "table" || skipped(idx) || claimed.has(b) || inEntry.has(b)) return;
    if (mapping.itemLevel !== null || mapping.items === "list" || mapping.items === "checkbox") return;
    const under = outline.under[idx];
    const inChecklist = /checklist/i.test(
      [...titlesOf(under), docTitle?.title ?? "", mapping.items === "table" ? "checklist" : ""].join(" "),
    );
    const rows = tableRowItems(b, {
      checklist: inChecklist,
      stateColumn: mapping.stateField,
      priorityColumn: mapping.priorityField,
    });
    if (!rows) return;
    const doneSection = !!under && /^(completed|done|resolved|closed)\b/i.test(stripNumbering(under.title));
    for (const r of rows) {
      const id = r.key ? null : headingId(stripEmoji(r.title));
      if ((id && entryKeys.has(id.key)) || (r.key && entryKeys.has(r.key) && !KEYED.test(r.key))) {
        const c = candidate({
          key: id?.key ?? r.key,
          title: id?.rest || r.title,
          kind: "GAP",
          under,
          sectionPath: titlesOf(under),
          line: r.line,
          rank: 0,
        });
        candidates.push({ ...c, mention: true });
        continue;
      }
      const c = candidate({
        key: r.key,
        title: r.title,
        kind: r.key ? "GAP" : inChecklist ? "CHECKLIST" : "ITEM",
        under,
        sectionPath: titlesOf(under),
        line: r.line,
        rank: 1,
      });
      if (r.priority)
        Object.assign(c, {
          priority: r.priority,
          priorityRaw: r.priorityRaw,
          priorityInherited: false,
          explicitPriority: true,
        });
      const status = r.status ?? (doneSection ? "DONE" : null);
      if (status) c.status = status;
      if (r.block) c.block = r.block;
      candidates.push(c);
      tableItems++;
    }
  });

  // 4. Lists: keyed items everywhere; checklist items everywhere; every item when the document has no
  // entries. A list item that starts with the ID of an entry read above is a mention of it (a summary,
  // a verification list): merged into that entry, never a second item, and never its state.
  const topLists = blocks
    .map((b, idx) => ({ b, idx }))
    .filter(
      ({ b, idx }) =>
        b.type === "list" &&
        !inEntry.has(b) &&
        !claimed.has(b) &&
        !more.regions.has(outline.under[idx]!) &&
        !skipped(idx),
    );
  const listItemCandidate = (
    item: ListItemBlock,
    under: HeadingNode | null,
    kind: ImportKind,
    key: string | null,
    text: string,
    mark: "done" | "open" | null,
  ) => {
    const lists = item.children.filter((c): c is Extract<Block, { type: "list" }> => c.type === "list");
    const other = item.children.filter((c) => c.type !== "list");
    const nested = lists.flatMap((l) => criteriaFrom(l.items));
    const content: EntryContent = { ...readEntryContent(other, fieldNames), criteria: nested };
    return candidate({
      key,
      title: text,
      kind,
      under,
      sectionPath: titlesOf(under),
      line: item.line,
      rank: 2,
      content,
      mark,
      checked: item.checked,
    });
  };
  const listsAllowed = mapping.itemLevel === null && mapping.items !== "table";
  const mentions = new Set<ListItemBlock>();
  for (const { b, idx } of topLists) {
    if (b.type !== "list") continue;
    for (const item of b.items) {
      const marks = readMarks(item.raw);
      const { key, rest } = splitKey(marks.text);
      const id = key ? null : headingId(stripEmoji(marks.text));
      if (id && entryKeys.has(id.key)) {
        mentions.add(item);
        const c = listItemCandidate(item, outline.under[idx], "GAP", id.key, id.rest || id.key, null);
        candidates.push({ ...c, rank: 0, status: "OPEN", criteria: [], mention: true });
        continue;
      }
      if (key && listsAllowed)
        candidates.push(listItemCandidate(item, outline.under[idx], "GAP", key, rest || key, marks.mark));
    }
  }
  const keyedLists = candidates.some((c) => c.rank === 2 && c.key);
  const structured = entryHeadings.size > 0 || (tableItems > 0 && candidates.some((c) => c.rank === 1 && c.key));
  const checkboxes = blocks.some((b) => b.type === "list" && b.items.some((i) => i.checked !== null));
  // A procedure document (runbooks read from its procedures, and no entries, checkboxes, keyed items
  // or item tables): its bullets are notes on the procedure, not work. (Runbooks found only under
  // headings named as runbooks, inside a larger document, leave the rest of it as it is.)
  const titled = [docTitle?.title, first?.title, doc.frontMatterTitle].find(Boolean) ?? "";
  const namesProcedure =
    RUNBOOK_NAMED.test(titled) || RUNBOOK_HEADING.test(titled) || PROCEDURE_HEADING.test(titled) || walkthrough(titled);
  const procedureDocument =
    runbooks.length > 0 &&
    !mapping.runbooks.size &&
    (namesProcedure || !old.runbooks.length) &&
    !structured &&
    !checkboxes &&
    !keyedLists &&
    tableItems === 0;
  const checklistWords = /checklist/i;
  for (const { b, idx } of topLists) {
    if (b.type !== "list" || !listsAllowed || (procedureDocument && mapping.items !== "list")) continue;
    const under = outline.under[idx];
    if (pathOf(under).some((h) => REFERENCE_HEADING.test(stripNumbering(h.title).replace(/:$/, "")))) continue;
    const inChecklist =
      checklistWords.test(titlesOf(under).join(" ")) || (!!docTitle && checklistWords.test(docTitle.title));
    for (const item of b.items) {
      if (mentions.has(item)) continue;
      const marks = readMarks(item.raw);
      // "Critical: 0/8 (0%)": a tally, not work. An item has words.
      if (!/\p{L}/u.test(titleTag(marks.text).title)) continue;
      if (splitKey(marks.text).key) continue;
      if (mapping.items === "checkbox" && item.checked === null) continue;
      if (structured && item.checked === null && mapping.items !== "list") continue;
      const kind: ImportKind = item.checked !== null || inChecklist ? "CHECKLIST" : "ITEM";
      candidates.push(listItemCandidate(item, under, kind, null, marks.text, marks.mark));
    }
  }

  const freeCode = new Set(blocks.filter((b) => b.type === "code" && !inEntry.has(b)));
  const items = mergeCandidates(candidates, blocks, warnings, freeCode);
  const leading = first && first.idx === blocks.findIndex((b) => b.type !== "break") ? first : null;
  return { title: (docTitle ?? leading)?.title ?? null, sections, items, runbooks, warnings };
}
