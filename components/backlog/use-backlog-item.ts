"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { BacklogItemDto } from "@/lib/dto/backlog";
import { backlogKeys } from "@/components/backlog/query-keys";

export type ItemPatch = Partial<{
  title: string;
  block: string | null;
  priority: BacklogItemDto["priority"];
  status: BacklogItemDto["status"];
  body: string;
  ownerId: string | null;
  affectedFiles: string[];
  verificationCommands: string[];
  criteria: Array<{ text: string; done: boolean; depth: number }>;
}>;

export function useBacklogItem(project: string, id: string, initialData?: BacklogItemDto) {
  return useQuery({
    queryKey: backlogKeys.item(project, id),
    queryFn: () => apiFetch<BacklogItemDto>(`/api/v1/projects/${project}/backlog/${id}`),
    initialData,
    staleTime: 0,
  });
}

/** Every change to an item goes through here; the item, lists and counts refresh afterwards. */
export function useItemMutation<V>(
  project: string,
  id: string,
  request: (v: V) => { path: string; method: string; body?: unknown },
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => {
      const r = request(v);
      return apiFetch<unknown>(`/api/v1/projects/${project}/backlog/${id}${r.path}`, {
        method: r.method,
        body: r.body,
      });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: backlogKeys.all }),
  });
}

export function useUpdateItem(project: string, id: string) {
  return useItemMutation(project, id, (body: ItemPatch) => ({ path: "", method: "PATCH", body }));
}

/** Ticks at once (optimistically) and puts the box back if the server refuses. */
export function useToggleCriterion(project: string, id: string) {
  const qc = useQueryClient();
  const key = backlogKeys.item(project, id);
  return useMutation({
    mutationFn: ({ criterionId, done }: { criterionId: string; done: boolean }) =>
      apiFetch<unknown>(`/api/v1/projects/${project}/backlog/${id}/criteria/${criterionId}`, {
        method: "PATCH",
        body: { done },
      }),
    onMutate: async ({ criterionId, done }) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<BacklogItemDto>(key);
      if (before)
        qc.setQueryData<BacklogItemDto>(key, {
          ...before,
          criteria: before.criteria.map((c) => (c.id === criterionId ? { ...c, done } : c)),
        });
      return { before };
    },
    onError: (_err, _vars, context) => {
      if (context?.before) qc.setQueryData(key, context.before);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: backlogKeys.all }),
  });
}

export function useCreateItem(project: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ItemPatch & { title: string; key?: string }) =>
      apiFetch<{ id: string }>(`/api/v1/projects/${project}/backlog`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: backlogKeys.all }),
  });
}
