"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { keys } from "@/lib/client/query-keys";

export interface ActivityItem {
  id: string;
  occurredAt: string;
  actorType: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  projectId: string | null;
  summary: unknown;
  requestId: string | null;
  hash: string;
}

export type ActivityFilters = Record<"actor" | "entityType" | "action" | "from" | "to", string | undefined>;

export function useActivity(filters: ActivityFilters) {
  return useInfiniteQuery({
    queryKey: keys.activity.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<{ items: ActivityItem[]; nextCursor: string | null }>("/api/v1/activity", { query: { ...filters, cursor: pageParam, limit: 50 } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
