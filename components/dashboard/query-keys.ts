// Query keys of the dashboard widgets: invalidate by prefix (dashboardKeys.all) after a snapshot.
export const dashboardKeys = {
  all: ["dashboard"] as const,
  readiness: (project?: string) => ["dashboard", "readiness", { project }] as const,
  holdbacks: (project: string | undefined, limit: number) => ["dashboard", "holdbacks", { project, limit }] as const,
  blockers: (project?: string) => ["dashboard", "blockers", { project }] as const,
  upcoming: (type: "evidence" | "exercise", days: number, project?: string) =>
    ["dashboard", "upcoming", { type, days, project }] as const,
  openBlockers: (mine: boolean) => ["dashboard", "open-blockers", { mine }] as const,
};
