"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { CreatedPopulationDto, PopulationDto, SampleDto } from "@/lib/dto/audits";
import { auditKeys } from "@/components/audits/query-keys";

export type PopulationStatus = PopulationDto["status"];

/** The worker is still counting it: poll until it is ready or failed. */
export const isCounting = (status: PopulationStatus) => status === "QUEUED" || status === "RUNNING";

/** How often a page with a population being counted asks again. */
export const POLL_MS = 1500;

export function usePopulations(auditId: string) {
  return useQuery({
    queryKey: auditKeys.populations(auditId),
    queryFn: () => apiFetch<{ items: PopulationDto[] }>(`/api/v1/audits/${auditId}/populations`).then((r) => r.items),
    refetchInterval: (q) => (q.state.data?.some((p) => isCounting(p.status)) ? POLL_MS : false),
  });
}

export function useCreatePopulation(auditId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: object) =>
      apiFetch<CreatedPopulationDto>(`/api/v1/audits/${auditId}/populations`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.audit(auditId) }),
  });
}

export function useDrawSample(auditId: string, populationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { size: number; seed?: string }) =>
      apiFetch<SampleDto>(`/api/v1/audits/${auditId}/populations/${populationId}/samples`, {
        method: "POST",
        body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.audit(auditId) }),
  });
}
