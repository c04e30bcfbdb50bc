// Query keys for the control library and per-project control lists.
export const controlKeys = {
  all: ["controls"] as const,
  list: (filters: Record<string, string | undefined>) => ["controls", "list", filters] as const,
  project: (slug: string, filters: Record<string, string | undefined>) =>
    ["controls", "project", slug, filters] as const,
};
