"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api";
import { auditKeys } from "@/components/audits/query-keys";

/** A write in the audit workspace: on success the server-rendered parts and cached lists refresh. */
export function useAuditMutation<TBody>(
  auditId: string,
  request: (body: TBody) => { path: string; method: string; body?: unknown },
) {
  const router = useRouter();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => {
      const r = request(body);
      return apiFetch<unknown>(r.path, { method: r.method, body: r.body });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: auditKeys.audit(auditId) });
      router.refresh();
    },
  });
}
