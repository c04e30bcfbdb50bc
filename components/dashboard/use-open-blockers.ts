"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { OpenBlockersPageDto } from "@/lib/dto/dashboard";
import { dashboardKeys } from "@/components/dashboard/query-keys";

export function useOpenBlockers(mine: boolean) {
  return useInfiniteQuery({
    queryKey: dashboardKeys.openBlockers(mine),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<OpenBlockersPageDto>("/api/v1/dashboard/open-blockers", {
        query: { mine: mine ? "1" : undefined, cursor: pageParam, limit: 10 },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
