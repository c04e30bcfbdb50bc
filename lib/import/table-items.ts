// Tables whose rows are items: a table with a key column ("ID", or every cell a key like HARD-001),
// or with a title column next to a priority column. Summary tables (counts) and inventories are not.
import type { Block, ImportPriority, ImportStatus } from "@/lib/import/types";
import { plainInline, readMarks, tidyTitle } from "@/lib/import/inline";
import { readPriority, readStatus } from "@/lib/import/signals";
import { KEY_ONLY } from "@/lib/import/vocabulary";
import { trimChars } from "@/lib/import/scan";

export interface TableRowItem {
  key: string | null;
  title: string;
  priority: ImportPriority | null;
  priorityRaw: string | null;
  status: ImportStatus | null;
  block: string | null;
  line: number;
}

const find = (header: string[], re: RegExp) => header.findIndex((h) => re.test(plainInline(h).trim()));

export interface TableOptions {
  /** The table sits in a checklist (by its section's or document's title): a title column is enough. */
  checklist?: boolean;
  /** Column names the reader chose for state and priority. */
  stateColumn?: RegExp | null;
  priorityColumn?: RegExp | null;
}

export function tableRowItems(
  table: Extract<Block, { type: "table" }>,
  options: TableOptions = {},
): TableRowItem[] | null {
  const header = table.header;
  if (!table.rows.length) return null;
  let keyCol = find(header, /^(id|key|ref|ref\.|item id|#)$/i);
  if (keyCol < 0) {
    keyCol = header.findIndex((_h, c) =>
      table.rows.every((r) => KEY_ONLY.test(trimChars(plainInline(r.cells[c] ?? ""), "~*"))),
    );
  }
  let titleCol = find(
    header,
    /^(title|task|item|description|summary|gap|issue|name|requirement|finding|action|work item)$/i,
  );
  // "Check name", "Task name", "Control": a title column in a checklist or task table.
  const namedCol = find(header, /^(check|check name|task name|control|item name|feature|story|user story|to ?do)$/i);
  if (titleCol < 0) titleCol = namedCol;
  const priorityCol = options.priorityColumn
    ? find(header, options.priorityColumn)
    : find(header, /^(priority|criticality|severity|prio|p)$/i);
  const statusCol = options.stateColumn ? find(header, options.stateColumn) : find(header, /^(status|state|done)$/i);
  const taskTable =
    titleCol >= 0 &&
    statusCol >= 0 &&
    /^(task|item|action|to ?do|work item|check|check name|task name)$/i.test(plainInline(header[titleCol]).trim());
  const checkTable = !!options.checklist && (namedCol >= 0 || (titleCol >= 0 && statusCol >= 0));
  // A gap table: what there is next to what is needed ("Feature | Current | Required").
  const gapTable =
    find(header, /^(current|today|as[- ]is|existing|current state|now)$/i) >= 0 &&
    find(header, /^(required|target|needed|to[- ]be|expected|desired|target state|should)$/i) >= 0;
  if (gapTable && titleCol < 0) titleCol = 0;
  if (keyCol < 0 && !(titleCol >= 0 && priorityCol >= 0) && !taskTable && !checkTable && !gapTable) return null;
  const blockCol = find(header, /^(block|area|category|workstream)$/i);
  const textCol =
    titleCol >= 0
      ? titleCol
      : header.findIndex((_h, c) => c !== keyCol && c !== priorityCol && c !== statusCol && c !== blockCol);
  const out: TableRowItem[] = [];
  for (const row of table.rows) {
    const cell = (c: number) => (c >= 0 ? (row.cells[c] ?? "") : "");
    const key = keyCol >= 0 ? trimChars(plainInline(cell(keyCol)), "~*") : null;
    if (keyCol >= 0 && !KEY_ONLY.test(key ?? "")) continue;
    const marks = readMarks(cell(textCol));
    const title = tidyTitle(marks.text);
    if (!title && !key) continue;
    const p = readPriority(cell(priorityCol));
    const status = readStatus(cell(statusCol)) ?? (marks.mark === "done" || p.done ? "DONE" : null);
    out.push({
      key,
      title: title || key!,
      priority: p.priority,
      priorityRaw: priorityCol >= 0 ? plainInline(cell(priorityCol)) || null : null,
      status,
      block: blockCol >= 0 ? plainInline(cell(blockCol)) || null : null,
      line: row.line,
    });
  }
  return out;
}
