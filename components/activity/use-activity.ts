"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { ActivityPageDto } from "@/lib/dto/activity";
import { keys } from "@/lib/client/query-keys";

export type ActivityFilters = Record<"actor" | "entityType" | "action" | "from" | "to", string | undefined>;

export function useActivity(filters: ActivityFilters) {
  return useInfiniteQuery({
    queryKey: keys.activity.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<ActivityPageDto>("/api/v1/activity", { query: { ...filters, cursor: pageParam, limit: 50 } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
