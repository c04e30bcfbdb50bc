// Query keys for the audit workspace: invalidate by prefix after a change.
export const auditKeys = {
  all: ["audits"] as const,
  audit: (id: string) => ["audits", id] as const,
  requests: (id: string, filters: Record<string, string | undefined>) => ["audits", id, "requests", filters] as const,
  request: (id: string, requestId: string) => ["audits", id, "request", requestId] as const,
  evidence: (id: string, filters: Record<string, string | undefined>) => ["audits", id, "evidence", filters] as const,
  populations: (id: string) => ["audits", id, "populations"] as const,
  population: (id: string, populationId: string) => ["audits", id, "population", populationId] as const,
  packets: (id: string) => ["audits", id, "packets"] as const,
};
