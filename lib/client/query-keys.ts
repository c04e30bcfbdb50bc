// Query-key factories, one per area: invalidate by prefix (e.g. keys.users.all) after a mutation.
export const keys = {
  users: {
    all: ["users"] as const,
    list: () => ["users", "list"] as const,
  },
  activity: {
    all: ["activity"] as const,
    list: (filters: Record<string, string | undefined>) => ["activity", "list", filters] as const,
  },
  projects: {
    all: ["projects"] as const,
    list: (archived: boolean) => ["projects", "list", { archived }] as const,
  },
};
