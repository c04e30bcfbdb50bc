"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, withQuery } from "@/lib/client/api";
import { backlogKeys } from "@/components/backlog/query-keys";
import type { TImportMapping } from "@/lib/import/mapping";
import type { ImportAppliedDto, ImportPreviewDto, ImportReportDto, PlanActionDto } from "@/lib/dto/import";

/** What an item's line in the plan says will happen to it. */
export type PlanAction = PlanActionDto;

/** Either answer (preview or import done), as the plan view shows it. */
export type ImportReport = ImportReportDto;

interface ImportAnswer {
  preview: ImportPreviewDto;
  apply: ImportAppliedDto;
}

export interface ImportRequest {
  body: Blob | string;
  filename?: string;
  format?: string;
  documentKey?: string;
  expectedSha256?: string;
  /** The reader's corrections; undefined: the document's saved ones; null: none (clears the saved ones on import). */
  mapping?: TImportMapping | null;
}

/** Sends the document itself as the request body (bytes, so that the server can check its encoding). */
async function send<M extends keyof ImportAnswer>(
  project: string,
  mode: M,
  r: ImportRequest,
): Promise<ImportAnswer[M]> {
  let res: Response;
  try {
    res = await fetch(
      withQuery(`/api/v1/projects/${project}/documents`, {
        mode,
        filename: r.filename,
        format: r.format,
        documentKey: r.documentKey,
        expectedSha256: r.expectedSha256,
        mapping: r.mapping === undefined ? undefined : r.mapping === null ? "none" : JSON.stringify(r.mapping),
      }),
      {
        method: "POST",
        body: r.body,
        headers: {
          "content-type":
            typeof r.body === "string" ? "text/plain; charset=utf-8" : r.body.type || "application/octet-stream",
          accept: "application/json",
        },
        credentials: "same-origin",
      },
    );
  } catch {
    throw new ApiError(0, "Network error", "Proofline could not be reached. Check your connection and try again.");
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new ApiError(
      res.status,
      json.title ?? res.statusText,
      json.detail ?? `The request failed (${res.status}).`,
      json.errors ?? [],
      json.requestId,
    );
  return json as ImportAnswer[M];
}

export function usePreviewImport(project: string) {
  return useMutation({ mutationFn: (r: ImportRequest) => send(project, "preview", r) });
}

export function useApplyImport(project: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: ImportRequest) => send(project, "apply", r),
    onSuccess: () => qc.invalidateQueries({ queryKey: backlogKeys.all }),
  });
}
