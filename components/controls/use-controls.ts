"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { ControlPageDto } from "@/lib/dto/controls";
import { controlKeys } from "@/components/controls/query-keys";
import { frameworkKeys } from "@/components/catalogue/query-keys";

export type ControlFilters = Record<string, string | undefined>;

export function useControls(filters: ControlFilters, projectSlug?: string) {
  const path = projectSlug ? `/api/v1/projects/${encodeURIComponent(projectSlug)}/controls` : "/api/v1/controls";
  return useInfiniteQuery({
    queryKey: projectSlug ? controlKeys.project(projectSlug, filters) : controlKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => apiFetch<ControlPageDto>(path, { query: { ...filters, cursor: pageParam, limit: 50 } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface MappingRef {
  framework: string;
  refId: string;
}

function useInvalidateAll() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: controlKeys.all }),
      qc.invalidateQueries({ queryKey: frameworkKeys.all }),
    ]);
}

export function useSaveControl(key?: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      key
        ? apiFetch<{ key: string }>(`/api/v1/controls/${encodeURIComponent(key)}`, { method: "PATCH", body })
        : apiFetch<{ key: string }>("/api/v1/controls", { method: "POST", body }),
    onSuccess: invalidate,
  });
}

export function useUpdateMappings() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ key, add = [], remove = [] }: { key: string; add?: MappingRef[]; remove?: MappingRef[] }) =>
      apiFetch<{ key: string; added: string[]; removed: string[] }>(
        `/api/v1/controls/${encodeURIComponent(key)}/mappings`,
        { method: "PATCH", body: { add, remove } },
      ),
    onSuccess: invalidate,
  });
}

export function useSetApplicability(slug: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({
      key,
      notApplicable,
      justification,
    }: {
      key: string;
      notApplicable: boolean;
      justification?: string;
    }) =>
      apiFetch(`/api/v1/projects/${encodeURIComponent(slug)}/controls/${encodeURIComponent(key)}/applicability`, {
        method: "PUT",
        body: { notApplicable, justification },
      }),
    onSuccess: invalidate,
  });
}
