"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { BacklogCountsDto, BacklogPageDto } from "@/lib/dto/backlog";
import { backlogKeys, type BacklogFilters } from "@/components/backlog/query-keys";

const base = (project: string | null) => (project ? `/api/v1/projects/${project}/backlog` : "/api/v1/backlog");

export function useBacklogItems(project: string | null, filters: BacklogFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...backlogKeys.list(project, filters), limit],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<BacklogPageDto>(base(project), { query: { ...filters, cursor: pageParam, limit } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useBacklogCounts(project: string | null, filters: BacklogFilters) {
  const { block: _block, priority: _priority, ...rest } = filters;
  return useQuery({
    queryKey: backlogKeys.counts(project, rest),
    queryFn: () => apiFetch<BacklogCountsDto>(`${base(project)}/counts`, { query: rest }),
  });
}

export function usePeople() {
  return useQuery({
    queryKey: backlogKeys.people(),
    queryFn: () =>
      apiFetch<{ items: Array<{ id: string; name: string }> }>("/api/v1/backlog/people").then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useLinkableControls(q: string, enabled: boolean) {
  return useQuery({
    queryKey: backlogKeys.controls(q),
    queryFn: () =>
      apiFetch<{ items: Array<{ id: string; key: string; title: string }> }>("/api/v1/backlog/linkable-controls", {
        query: { q },
      }).then((r) => r.items),
    enabled,
  });
}
