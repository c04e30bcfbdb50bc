// Counts of items by block and priority, the shape of a gap list's summary table.
import type { ImportPriority, ImportStatus } from "@/lib/import/types";

export const PRIORITY_ORDER: ImportPriority[] = ["BLOCKER", "CRITICAL", "HIGH", "MEDIUM", "LOW"];

export interface CountableItem {
  block: string | null;
  priority: ImportPriority | null;
  status: ImportStatus;
}

export type BlockPriorityCounts = Map<string, Record<ImportPriority | "NONE", number>>;

const empty = (): Record<ImportPriority | "NONE", number> => ({
  BLOCKER: 0,
  CRITICAL: 0,
  HIGH: 0,
  MEDIUM: 0,
  LOW: 0,
  NONE: 0,
});

/** Open (not done) items by block and priority, blocks in first-seen order; items without a block count under "". */
export function countByBlockAndPriority(items: CountableItem[], { includeDone = false } = {}): BlockPriorityCounts {
  const out: BlockPriorityCounts = new Map();
  for (const item of items) {
    const row = out.get(item.block ?? "") ?? empty();
    out.set(item.block ?? "", row);
    if (!includeDone && item.status === "DONE") continue;
    row[item.priority ?? "NONE"]++;
  }
  return out;
}
