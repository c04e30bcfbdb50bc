"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { DashboardReadinessDto } from "@/lib/dto/dashboard";
import { dashboardKeys } from "@/components/dashboard/query-keys";

export function useReadinessCards(project?: string) {
  return useQuery({
    queryKey: dashboardKeys.readiness(project),
    queryFn: () => apiFetch<DashboardReadinessDto>("/api/v1/dashboard/readiness", { query: { project } }),
  });
}
