"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { RunbookDto } from "@/lib/dto/runbooks";
import { runbookKeys } from "@/components/runbooks/query-keys";

export function useRunbook(project: string, id: string, version: number | null, initialData?: RunbookDto) {
  return useQuery({
    queryKey: runbookKeys.one(project, id, version),
    queryFn: () =>
      apiFetch<RunbookDto>(`/api/v1/projects/${project}/runbooks/${id}`, { query: { version: version ?? undefined } }),
    initialData,
    // The schedule depends on "now": always check again when the page is opened.
    staleTime: 0,
  });
}

export function useRunbookMutation<V, R = unknown>(
  project: string,
  id: string,
  request: (v: V) => { path: string; method: string; body?: unknown; query?: Record<string, string> },
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => {
      const r = request(v);
      return apiFetch<R>(`/api/v1/projects/${project}/runbooks/${id}${r.path}`, {
        method: r.method,
        body: r.body,
        query: r.query,
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: runbookKeys.all }),
  });
}
