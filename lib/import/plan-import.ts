// What importing a document would do to what a project already holds. Pure: the caller reads the
// existing rows and applies the plan. Items are matched by key, else by section and title (else by
// title alone when that is unambiguous); nothing is deleted: items gone from the document are marked.
import type { ParsedDocument, ParsedItem, ParsedRunbook, ParsedRunbookStep } from "@/lib/import/types";
import { ITEM_FIELDS, type ItemFields, itemFingerprint, runbookFingerprint } from "@/lib/import/fingerprint";

export interface ExistingItem extends ItemFields {
  id: string;
  key: string | null;
  documentId: string | null;
  sectionPath: string[];
  importedHash: string | null;
  removedFromSourceAt: Date | null;
}

export interface ExistingRunbook {
  id: string;
  key: string;
  title: string;
  steps: ParsedRunbookStep[];
  documentId: string | null;
  importedHash: string | null;
  removedFromSourceAt: Date | null;
}

export type ItemAction = "create" | "update" | "close" | "reopen" | "unchanged" | "conflict" | "remove" | "restore";
export type RunbookAction = "create" | "update" | "unchanged" | "conflict" | "remove" | "restore";

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface PlannedItem {
  action: ItemAction;
  id: string | null;
  key: string | null;
  title: string;
  sectionPath: string[];
  line: number | null;
  changes: FieldChange[];
  reason?: string;
  parsed: ParsedItem | null;
}

export interface PlannedRunbook {
  action: RunbookAction;
  id: string | null;
  key: string;
  title: string;
  changes: FieldChange[];
  reason?: string;
  parsed: ParsedRunbook | null;
}

export interface ImportPlan {
  items: PlannedItem[];
  runbooks: PlannedRunbook[];
  counts: Record<ItemAction, number>;
  runbookCounts: Record<RunbookAction, number>;
}

export function parsedFields(p: ParsedItem): ItemFields {
  return {
    title: p.title,
    block: p.block,
    priority: p.priority,
    status: p.status,
    body: p.body,
    affectedFiles: p.affectedFiles,
    verificationCommands: p.verificationCommands,
    criteria: p.criteria,
  };
}

/**
 * What the last import settles for an imported item or runbook, before any field is compared: the
 * document is as the last import left it (unchanged, or back if it had gone), or both Proofline and the
 * document changed it since (a conflict: Proofline's version is kept). Null: the document's changes apply.
 */
function settledByLastImport(
  existing: { importedHash: string | null; removedFromSourceAt: Date | null },
  fingerprints: { current: string; incoming: string },
  changes: FieldChange[],
): { action: "restore" | "unchanged" | "conflict"; changes: FieldChange[]; reason?: string } | null {
  if (existing.importedHash === fingerprints.incoming)
    return { action: existing.removedFromSourceAt ? "restore" : "unchanged", changes: [] };
  const edited = existing.importedHash !== null && fingerprints.current !== existing.importedHash;
  if (edited && changes.length)
    return {
      action: "conflict",
      changes,
      reason: "Edited in Proofline since the last import, and the document changed too: Proofline's version is kept.",
    };
  return null;
}

function diff(before: ItemFields, after: ItemFields): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of ITEM_FIELDS) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
      out.push({ field, before: before[field], after: after[field] });
  }
  return out;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

export function planImport(
  doc: Pick<ParsedDocument, "items" | "runbooks">,
  documentId: string | null,
  items: ExistingItem[],
  runbooks: ExistingRunbook[],
): ImportPlan {
  const plannedItems: PlannedItem[] = [];
  const matched = new Set<string>();
  const byKey = new Map(items.filter((i) => i.key).map((i) => [i.key!, i]));
  const mine = items.filter((i) => documentId && i.documentId === documentId);

  for (const p of doc.items) {
    let existing: ExistingItem | undefined;
    if (p.key) existing = byKey.get(p.key);
    else {
      const free = mine.filter((i) => !i.key && !matched.has(i.id));
      existing = free.find(
        (i) => norm(i.title) === norm(p.title) && i.sectionPath.join("\u0000") === p.sectionPath.join("\u0000"),
      );
      if (!existing) {
        const sameTitle = free.filter((i) => norm(i.title) === norm(p.title));
        if (sameTitle.length === 1 && doc.items.filter((q) => !q.key && norm(q.title) === norm(p.title)).length === 1)
          existing = sameTitle[0];
      }
    }
    const base = { key: p.key, title: p.title, sectionPath: p.sectionPath, line: p.line, parsed: p };
    if (!existing) {
      plannedItems.push({ ...base, action: "create", id: null, changes: [] });
      continue;
    }
    matched.add(existing.id);
    if (existing.documentId !== documentId || !documentId) {
      const from = existing.documentId ? "an item imported from another document" : "an item added by hand";
      plannedItems.push({
        ...base,
        action: "conflict",
        id: existing.id,
        changes: diff(existing, parsedFields(p)),
        reason: `The key ${p.key} already belongs to ${from}; it is left as it is.`,
      });
      continue;
    }
    const changes = diff(existing, parsedFields(p));
    const settled = settledByLastImport(
      existing,
      { current: itemFingerprint(existing), incoming: itemFingerprint(parsedFields(p)) },
      changes,
    );
    if (settled) {
      plannedItems.push({ ...base, id: existing.id, ...settled });
      continue;
    }
    const statusChange = changes.find((c) => c.field === "status");
    const action: ItemAction = !changes.length
      ? existing.removedFromSourceAt
        ? "restore"
        : "unchanged"
      : statusChange?.after === "DONE"
        ? "close"
        : statusChange && statusChange.before === "DONE"
          ? "reopen"
          : existing.removedFromSourceAt
            ? "restore"
            : "update";
    plannedItems.push({ ...base, action, id: existing.id, changes });
  }
  for (const i of mine) {
    if (!matched.has(i.id) && !i.removedFromSourceAt)
      plannedItems.push({
        action: "remove",
        id: i.id,
        key: i.key,
        title: i.title,
        sectionPath: i.sectionPath,
        line: null,
        changes: [],
        parsed: null,
      });
  }

  const plannedRunbooks: PlannedRunbook[] = [];
  const runbooksByKey = new Map(runbooks.map((r) => [r.key, r]));
  const seenRunbooks = new Set<string>();
  for (const p of doc.runbooks) {
    // By key; else, for a runbook whose key was changed in Proofline, by its title within the same document.
    const existing =
      runbooksByKey.get(p.key) ??
      runbooks.find(
        (r) =>
          documentId &&
          r.documentId === documentId &&
          !seenRunbooks.has(r.id) &&
          !doc.runbooks.some((q) => q.key === r.key) &&
          norm(r.title) === norm(p.title),
      );
    const base = { key: p.key, title: p.title, parsed: p };
    if (!existing) {
      plannedRunbooks.push({ ...base, action: "create", id: null, changes: [] });
      continue;
    }
    seenRunbooks.add(existing.id);
    const changes: FieldChange[] = [];
    if (existing.title !== p.title) changes.push({ field: "title", before: existing.title, after: p.title });
    if (JSON.stringify(existing.steps) !== JSON.stringify(p.steps))
      changes.push({ field: "steps", before: existing.steps.length, after: p.steps.length });
    if (existing.documentId !== documentId || !documentId) {
      plannedRunbooks.push({
        ...base,
        action: "conflict",
        id: existing.id,
        changes,
        reason: `A runbook with the key "${p.key}" already exists ${existing.documentId ? "from another document" : "(written by hand)"}; it is left as it is.`,
      });
      continue;
    }
    const settled = settledByLastImport(
      existing,
      { current: runbookFingerprint(existing), incoming: runbookFingerprint(p) },
      changes,
    );
    if (settled) {
      plannedRunbooks.push({ ...base, id: existing.id, ...settled });
      continue;
    }
    plannedRunbooks.push({
      ...base,
      action: changes.length
        ? existing.removedFromSourceAt
          ? "restore"
          : "update"
        : existing.removedFromSourceAt
          ? "restore"
          : "unchanged",
      id: existing.id,
      changes,
    });
  }
  for (const r of runbooks) {
    if (documentId && r.documentId === documentId && !seenRunbooks.has(r.id) && !r.removedFromSourceAt) {
      plannedRunbooks.push({ action: "remove", id: r.id, key: r.key, title: r.title, changes: [], parsed: null });
    }
  }

  const counts = {
    create: 0,
    update: 0,
    close: 0,
    reopen: 0,
    unchanged: 0,
    conflict: 0,
    remove: 0,
    restore: 0,
  } as Record<ItemAction, number>;
  for (const i of plannedItems) counts[i.action]++;
  const runbookCounts = { create: 0, update: 0, unchanged: 0, conflict: 0, remove: 0, restore: 0 } as Record<
    RunbookAction,
    number
  >;
  for (const r of plannedRunbooks) runbookCounts[r.action]++;
  return { items: plannedItems, runbooks: plannedRunbooks, counts, runbookCounts };
}
