// Backlog filters live in the address, so that every count can link to its list and a view can be shared.
import type { BacklogFilters } from "@/components/backlog/query-keys";

export const FILTER_KEYS = ["block", "priority", "status", "owner", "control", "kind", "q", "removed"] as const;
export { NO_BLOCK } from "@/lib/backlog/priority";

export function filtersFrom(params: Record<string, string | string[] | undefined>): BacklogFilters {
  const out: BacklogFilters = {};
  for (const key of FILTER_KEYS) {
    const v = params[key];
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== "") out[key] = value;
  }
  return out;
}

export function hrefWith(base: string, f: BacklogFilters & { view?: string }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "") params.set(k, v);
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}
