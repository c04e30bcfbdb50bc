"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { RequestDetailDto, RequestPageDto } from "@/lib/dto/audits";
import { auditKeys } from "@/components/audits/query-keys";

export function useRequests(auditId: string, filters: { status?: string; mine?: string }) {
  return useInfiniteQuery({
    queryKey: auditKeys.requests(auditId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<RequestPageDto>(`/api/v1/audits/${auditId}/requests`, {
        query: { ...filters, cursor: pageParam, limit: 50 },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRequest(auditId: string, requestId: string) {
  return useQuery({
    queryKey: auditKeys.request(auditId, requestId),
    queryFn: () => apiFetch<RequestDetailDto>(`/api/v1/audits/${auditId}/requests/${requestId}`),
  });
}
