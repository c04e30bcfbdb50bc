"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { PacketRowDto, PacketViewDto } from "@/lib/dto/packets";
import { auditKeys } from "@/components/audits/query-keys";

/** The audit's packet builds; polled every second while one is queued or running, so progress survives reloads. */
export function usePackets(auditId: string) {
  return useQuery({
    queryKey: auditKeys.packets(auditId),
    queryFn: () => apiFetch<{ items: PacketRowDto[] }>(`/api/v1/audits/${auditId}/packets`).then((r) => r.items),
    refetchInterval: (q) => (q.state.data?.some((p) => p.active) ? 1000 : false),
  });
}

export function usePacketAction(auditId: string, action: (packetId?: string) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (packetId?: string) => apiFetch<PacketViewDto>(action(packetId), { method: "POST" }),
    onSettled: () => qc.invalidateQueries({ queryKey: auditKeys.packets(auditId) }),
  });
}
