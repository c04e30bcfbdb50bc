"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { CreatedScimTokenDto, ScimTokenDto } from "@/lib/dto/users";
import type { AuditPageDto, AuditorInviteDto } from "@/lib/dto/audits";
import { keys } from "@/lib/client/query-keys";

const scimTokensKey = [...keys.users.all, "scim-tokens"] as const;

export function useScimTokens() {
  return useQuery({
    queryKey: scimTokensKey,
    queryFn: () => apiFetch<{ items: ScimTokenDto[] }>("/api/scim/tokens").then((r) => r.items),
  });
}

export function useCreateScimToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string }) => apiFetch<CreatedScimTokenDto>("/api/scim/tokens", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scimTokensKey }),
  });
}

export function useRevokeScimToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ id: string }>(`/api/scim/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scimTokensKey }),
  });
}

export function useAuditChoices() {
  return useQuery({
    queryKey: ["audits", "choices"],
    queryFn: () => apiFetch<AuditPageDto>("/api/v1/audits", { query: { limit: "100" } }).then((r) => r.items),
  });
}

export function useInviteAuditor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { auditId: string; email: string; name: string; expiresAt: string }) =>
      apiFetch<AuditorInviteDto>("/api/auth/invitations", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users.all }),
  });
}
