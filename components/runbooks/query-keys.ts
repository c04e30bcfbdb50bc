export const runbookKeys = {
  all: ["runbooks"] as const,
  one: (project: string, id: string, version: number | null) => ["runbooks", "one", project, id, version] as const,
};
