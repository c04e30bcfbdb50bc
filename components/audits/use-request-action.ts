"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { auditKeys } from "@/components/audits/query-keys";

/** A change to one request (assign, answer, review, comment): the request and the lists refresh after it. */
export function useRequestAction<TBody>(
  auditId: string,
  requestId: string,
  action: "" | "answer" | "review" | "comments",
  method = "POST",
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) =>
      apiFetch<unknown>(`/api/v1/audits/${auditId}/requests/${requestId}${action ? `/${action}` : ""}`, {
        method,
        body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.audit(auditId) }),
  });
}
