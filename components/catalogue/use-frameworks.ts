"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { frameworkKeys } from "@/components/catalogue/query-keys";
import { controlKeys } from "@/components/controls/query-keys";
import type { FrameworkImportDto, ProjectFrameworksDto } from "@/lib/dto/catalogue";

/** What loading a framework file did. */
export type ImportResult = FrameworkImportDto;

export function useImportFramework() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: unknown) => apiFetch<ImportResult>("/api/v1/frameworks", { method: "POST", body: file }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: frameworkKeys.all }),
        qc.invalidateQueries({ queryKey: controlKeys.all }),
      ]),
  });
}

export function useSetProjectFrameworks(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (frameworks: string[]) =>
      apiFetch<ProjectFrameworksDto>(`/api/v1/projects/${encodeURIComponent(slug)}/controls/frameworks`, {
        method: "PUT",
        body: { frameworks },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: controlKeys.all }),
  });
}
