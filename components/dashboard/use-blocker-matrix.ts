"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { DashboardBlockersDto } from "@/lib/dto/dashboard";
import { dashboardKeys } from "@/components/dashboard/query-keys";

export function useBlockerMatrix(project?: string) {
  return useQuery({
    queryKey: dashboardKeys.blockers(project),
    queryFn: () => apiFetch<DashboardBlockersDto>("/api/v1/dashboard/blockers", { query: { project } }),
  });
}
