"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { auditKeys } from "@/components/audits/query-keys";

export interface RequestRowView {
  id: string;
  title: string;
  status: "OPEN" | "ANSWERED" | "ACCEPTED" | "RETURNED";
  dueAt: string | null;
  createdAt: string;
  overdue: boolean;
  requirement: { refId: string; title: string } | null;
  control: { key: string; title: string } | null;
  owner: { id: string; name: string; email: string } | null;
  _count: { evidence: number; comments: number };
}

export function useRequests(auditId: string, filters: { status?: string; mine?: string }) {
  return useInfiniteQuery({
    queryKey: auditKeys.requests(auditId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<{ items: RequestRowView[]; nextCursor: string | null }>(`/api/v1/audits/${auditId}/requests`, { query: { ...filters, cursor: pageParam, limit: 50 } }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface RequestDetail extends RequestRowView {
  detail: string;
  raisedBy: string;
  audit: { id: string; name: string; status: string; windowStart: string; windowEnd: string; projects: Array<{ slug: string; name: string }> };
  comments: Array<{ id: string; author: string; kind: string; body: string; createdAt: string }>;
  evidence: Array<{ id: string; title: string; kind: string; outcome: string; effectiveAt: string; sha256: string | null; project: { slug: string; name: string } }>;
  may: { assign: boolean; answer: boolean; review: boolean; comment: boolean };
}

export function useRequest(auditId: string, requestId: string) {
  return useQuery({ queryKey: auditKeys.request(auditId, requestId), queryFn: () => apiFetch<RequestDetail>(`/api/v1/audits/${auditId}/requests/${requestId}`) });
}
