"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { auditKeys } from "@/components/audits/query-keys";

export interface SampleView {
  id: string;
  seed: string;
  size: number;
  populationSize: number;
  createdAt: string;
}

export type PopulationStatus = "QUEUED" | "RUNNING" | "READY" | "FAILED";

/** The worker is still counting it: poll until it is ready or failed. */
export const isCounting = (status: PopulationStatus) => status === "QUEUED" || status === "RUNNING";

/** How often a page with a population being counted asks again. */
export const POLL_MS = 1500;

export interface PopulationView {
  id: string;
  kind: string;
  definition: string;
  status: PopulationStatus;
  error: string | null;
  /** Null until the worker has counted it. */
  size: number | null;
  digest: string | null;
  createdAt: string;
  control: { key: string; title: string } | null;
  samples: SampleView[];
}

export function usePopulations(auditId: string) {
  return useQuery({
    queryKey: auditKeys.populations(auditId),
    queryFn: () => apiFetch<{ items: PopulationView[] }>(`/api/v1/audits/${auditId}/populations`).then((r) => r.items),
    refetchInterval: (q) => (q.state.data?.some((p) => isCounting(p.status)) ? POLL_MS : false),
  });
}

export function useCreatePopulation(auditId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => apiFetch<{ id: string }>(`/api/v1/audits/${auditId}/populations`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.audit(auditId) }),
  });
}

export function useDrawSample(auditId: string, populationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { size: number; seed?: string }) => apiFetch<{ id: string; seed: string }>(`/api/v1/audits/${auditId}/populations/${populationId}/samples`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.audit(auditId) }),
  });
}
