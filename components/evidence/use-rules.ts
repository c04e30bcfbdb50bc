"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { evidenceKeys } from "@/components/evidence/query-keys";

export interface RuleItem {
  id: string;
  name: string;
  kind: string | null;
  format: string | null;
  conditions: Record<string, string>;
  enabled: boolean;
  controls: Array<{ key: string; title: string }>;
  filings: number;
}

interface RulesAnswer {
  items: RuleItem[];
  auditLogMapping: Record<string, string> | null;
}

export function useRules(slug: string, initial: RulesAnswer) {
  return useQuery({
    queryKey: evidenceKeys.rules(slug),
    queryFn: () => apiFetch<RulesAnswer>(`/api/v1/projects/${encodeURIComponent(slug)}/rules`),
    initialData: initial,
  });
}

export function useRuleActions(slug: string) {
  const qc = useQueryClient();
  const base = `/api/v1/projects/${encodeURIComponent(slug)}`;
  const done = () => qc.invalidateQueries({ queryKey: evidenceKeys.all });
  return {
    create: useMutation({
      mutationFn: async ({ body, apply }: { body: Record<string, unknown>; apply: boolean }) => {
        const rule = await apiFetch<RuleItem>(`${base}/rules`, { method: "POST", body });
        const applied = apply
          ? await apiFetch<{ matched: number; added: number; removed: number }>(`${base}/rules/${rule.id}/apply`, {
              method: "POST",
            })
          : null;
        return { rule, applied };
      },
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) =>
        apiFetch(`${base}/rules/${id}`, { method: "PATCH", body }),
      onSuccess: done,
    }),
    apply: useMutation({
      mutationFn: (id: string) =>
        apiFetch<{ matched: number; added: number; removed: number }>(`${base}/rules/${id}/apply`, { method: "POST" }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiFetch<{ filingsRemoved: number }>(`${base}/rules/${id}`, { method: "DELETE" }),
      onSuccess: done,
    }),
    mapping: useMutation({
      mutationFn: (body: Record<string, string | undefined>) =>
        apiFetch(`${base}/evidence/audit-log-mapping`, { method: "PUT", body }),
      onSuccess: done,
    }),
  };
}
