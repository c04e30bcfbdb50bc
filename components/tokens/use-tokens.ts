"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { CreatedTokenDto, GithubSecretDto, TokensDto } from "@/lib/dto/tokens";
import { evidenceKeys } from "@/components/evidence/query-keys";

const base = (slug: string) => `/api/v1/projects/${encodeURIComponent(slug)}`;

export function useTokens(slug: string, initial: TokensDto) {
  return useQuery({
    queryKey: evidenceKeys.tokens(slug),
    queryFn: () => apiFetch<TokensDto>(`${base(slug)}/tokens`),
    initialData: initial,
  });
}

export function useTokenActions(slug: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: evidenceKeys.tokens(slug) });
  return {
    create: useMutation({
      mutationFn: (body: Record<string, unknown>) =>
        apiFetch<CreatedTokenDto>(`${base(slug)}/tokens`, { method: "POST", body }),
      onSuccess: done,
    }),
    revoke: useMutation({
      mutationFn: (id: string) => apiFetch(`${base(slug)}/tokens/${id}`, { method: "DELETE" }),
      onSuccess: done,
    }),
    githubSecret: useMutation({
      mutationFn: () => apiFetch<GithubSecretDto>(`${base(slug)}/github/secret`, { method: "POST" }),
      onSuccess: done,
    }),
  };
}
