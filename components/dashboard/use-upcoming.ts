"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { UpcomingPageDto } from "@/lib/dto/dashboard";
import { dashboardKeys } from "@/components/dashboard/query-keys";

export function useUpcoming(type: "evidence" | "exercise", days: number, project?: string) {
  return useInfiniteQuery({
    queryKey: dashboardKeys.upcoming(type, days, project),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<UpcomingPageDto>("/api/v1/dashboard/upcoming", {
        query: { type, days, project, cursor: pageParam, limit: 8 },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
