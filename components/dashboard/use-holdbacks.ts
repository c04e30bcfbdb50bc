"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { DashboardHoldbacksDto } from "@/lib/dto/dashboard";
import { dashboardKeys } from "@/components/dashboard/query-keys";

export function useHoldbacks(project: string | undefined, limit: number) {
  return useQuery({
    queryKey: dashboardKeys.holdbacks(project, limit),
    queryFn: () => apiFetch<DashboardHoldbacksDto>("/api/v1/dashboard/holdbacks", { query: { project, limit } }),
    placeholderData: (previous) => previous,
  });
}
