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

export interface PopulationView {
  id: string;
  kind: string;
  definition: string;
  size: number;
  digest: string;
  createdAt: string;
  control: { key: string; title: string } | null;
  samples: SampleView[];
}

export function usePopulations(auditId: string) {
  return useQuery({
    queryKey: auditKeys.populations(auditId),
    queryFn: () => apiFetch<{ items: PopulationView[] }>(`/api/v1/audits/${auditId}/populations`).then((r) => r.items),
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
