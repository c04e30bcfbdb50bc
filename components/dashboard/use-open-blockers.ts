"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { OpenBlocker } from "@/lib/readiness/list-open-blockers";
import { dashboardKeys } from "@/components/dashboard/query-keys";

type Row = Omit<OpenBlocker, "openedAt"> & { openedAt: string };

export function useOpenBlockers(mine: boolean) {
  return useInfiniteQuery({
    queryKey: dashboardKeys.openBlockers(mine),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<{ items: Row[]; nextCursor: string | null }>("/api/v1/dashboard/open-blockers", { query: { mine: mine ? "1" : undefined, cursor: pageParam, limit: 10 } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
