"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { runbookKeys } from "@/components/runbooks/query-keys";

export interface RunbookStep {
  text: string;
  detail?: string;
  group?: string;
}

export interface RunbookView {
  id: string;
  key: string;
  title: string;
  cadenceDays: number | null;
  rtoTargetSeconds: number | null;
  rpoTargetSeconds: number | null;
  currentVersion: number;
  sourceLine: number | null;
  sectionPath: string[];
  documentVersionId: string | null;
  removedFromSourceAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  owner: { id: string; name: string } | null;
  document: { id: string; key: string; title: string } | null;
  project: { slug: string; name: string };
  shownVersion: { version: number; title: string; note: string | null; createdAt: string; steps: RunbookStep[] };
  versions: Array<{ id: string; version: number; title: string; note: string | null; createdAt: string; steps: number; editedBy: string | null }>;
  exercises: Array<{
    id: string;
    performedAt: string;
    outcome: "PASS" | "PARTIAL" | "FAIL";
    measuredRtoSeconds: number | null;
    measuredRpoSeconds: number | null;
    notes: string;
    recordedBy: string | null;
    evidenceId: string | null;
    attachments: Array<{ id: string; filename: string; size: number; sha256: string }>;
  }>;
  controls: Array<{ id: string; key: string; title: string }>;
  schedule: { state: "unscheduled" | "ok" | "due-soon" | "overdue"; dueAt: string | null; lastPerformedAt: string | null; daysLeft: number | null };
}

export function useRunbook(project: string, id: string, version: number | null, initialData?: RunbookView) {
  return useQuery({
    queryKey: runbookKeys.one(project, id, version),
    queryFn: () => apiFetch<RunbookView>(`/api/v1/projects/${project}/runbooks/${id}`, { query: { version: version ?? undefined } }),
    initialData,
    // The schedule depends on "now": always check again when the page is opened.
    staleTime: 0,
  });
}

export function useRunbookMutation<V, R = unknown>(project: string, id: string, request: (v: V) => { path: string; method: string; body?: unknown; query?: Record<string, string> }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => {
      const r = request(v);
      return apiFetch<R>(`/api/v1/projects/${project}/runbooks/${id}${r.path}`, { method: r.method, body: r.body, query: r.query });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: runbookKeys.all }),
  });
}
