// The sort key of a priority: BLOCKER first, items without a priority last.
import type { Priority } from "@/generated/prisma/enums";

export const PRIORITIES: Priority[] = ["BLOCKER", "CRITICAL", "HIGH", "MEDIUM", "LOW"];
export const NO_PRIORITY_RANK = 5;

export function priorityRank(priority: Priority | null | undefined): number {
  return priority ? PRIORITIES.indexOf(priority) : NO_PRIORITY_RANK;
}

export const PRIORITY_LABELS: Record<Priority, string> = {
  BLOCKER: "Blocker",
  CRITICAL: "Critical",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
};
export const STATUS_LABELS = { OPEN: "Open", IN_PROGRESS: "In progress", DONE: "Done" } as const;

/** The block filter's value for items without a block. */
export const NO_BLOCK = "(none)";
