"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { ReadinessCard } from "@/lib/readiness/get-dashboard-readiness";
import { dashboardKeys } from "@/components/dashboard/query-keys";

export function useReadinessCards(project?: string) {
  return useQuery({
    queryKey: dashboardKeys.readiness(project),
    queryFn: () => apiFetch<{ asOf: string; cards: ReadinessCard[] }>("/api/v1/dashboard/readiness", { query: { project } }),
  });
}
