"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { evidenceKeys } from "@/components/evidence/query-keys";

export interface TokenItem {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdBy: string | null;
}

export interface TokensAnswer {
  items: TokenItem[];
  github: { configured: boolean; since?: string; rotatedAt?: string };
}

const base = (slug: string) => `/api/v1/projects/${encodeURIComponent(slug)}`;

export function useTokens(slug: string, initial: TokensAnswer) {
  return useQuery({ queryKey: evidenceKeys.tokens(slug), queryFn: () => apiFetch<TokensAnswer>(`${base(slug)}/tokens`), initialData: initial });
}

export function useTokenActions(slug: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: evidenceKeys.tokens(slug) });
  return {
    create: useMutation({ mutationFn: (body: Record<string, unknown>) => apiFetch<TokenItem & { secret: string }>(`${base(slug)}/tokens`, { method: "POST", body }), onSuccess: done }),
    revoke: useMutation({ mutationFn: (id: string) => apiFetch(`${base(slug)}/tokens/${id}`, { method: "DELETE" }), onSuccess: done }),
    githubSecret: useMutation({ mutationFn: () => apiFetch<{ secret: string; webhookUrl: string }>(`${base(slug)}/github/secret`, { method: "POST" }), onSuccess: done }),
  };
}
