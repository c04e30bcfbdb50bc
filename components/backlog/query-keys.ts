// Query keys of the backlog area: invalidate by prefix (backlogKeys.all) after a change.
export type BacklogFilters = Partial<
  Record<"block" | "priority" | "status" | "owner" | "control" | "kind" | "q" | "removed", string>
>;

export const backlogKeys = {
  all: ["backlog"] as const,
  list: (project: string | null, filters: BacklogFilters) => ["backlog", "list", project, filters] as const,
  counts: (project: string | null, filters: BacklogFilters) => ["backlog", "counts", project, filters] as const,
  item: (project: string, id: string) => ["backlog", "item", project, id] as const,
  people: () => ["backlog", "people"] as const,
  controls: (q: string) => ["backlog", "controls", q] as const,
};
