/** Columns of the backlog matrix: the priorities in order, and items without one. */
export const PRIORITY_COLUMNS = ["BLOCKER", "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE"] as const;
export type PriorityColumn = (typeof PRIORITY_COLUMNS)[number];
