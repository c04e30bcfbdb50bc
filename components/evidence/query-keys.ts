// Query keys for the evidence area: invalidate by prefix after a change.
export const evidenceKeys = {
  all: ["evidence"] as const,
  list: (slug: string, filters: Record<string, string | undefined>) => ["evidence", "list", slug, filters] as const,
  rules: (slug: string) => ["evidence", "rules", slug] as const,
  tokens: (slug: string) => ["evidence", "tokens", slug] as const,
};
