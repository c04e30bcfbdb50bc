"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { auditKeys } from "@/components/audits/query-keys";

export interface PacketRowView {
  id: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  progress: number;
  stage: string | null;
  error: string | null;
  zipSha256: string | null;
  byteSize: string | null;
  pageCount: number | null;
  dataAsOf: string | null;
  createdAt: string;
  finishedAt: string | null;
  cancelRequestedAt: string | null;
  active: boolean;
  downloadable: boolean;
  requestedBy: string;
}

/** The audit's packet builds; polled every second while one is queued or running, so progress survives reloads. */
export function usePackets(auditId: string) {
  return useQuery({
    queryKey: auditKeys.packets(auditId),
    queryFn: () => apiFetch<{ items: PacketRowView[] }>(`/api/v1/audits/${auditId}/packets`).then((r) => r.items),
    refetchInterval: (q) => (q.state.data?.some((p) => p.active) ? 1000 : false),
  });
}

export function usePacketAction(auditId: string, action: (packetId?: string) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (packetId?: string) => apiFetch<PacketRowView>(action(packetId), { method: "POST" }),
    onSettled: () => qc.invalidateQueries({ queryKey: auditKeys.packets(auditId) }),
  });
}
