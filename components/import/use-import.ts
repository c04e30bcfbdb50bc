"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, withQuery } from "@/lib/client/api";
import { backlogKeys } from "@/components/backlog/query-keys";
import type { TImportMapping } from "@/lib/import/mapping";

export type PlanAction = "create" | "update" | "close" | "reopen" | "unchanged" | "conflict" | "remove" | "restore";

export interface ImportReport {
  format: string;
  title: string | null;
  sha256: string;
  byteSize: number;
  reflowed: boolean;
  sections: number;
  warnings: string[];
  counts: Record<PlanAction, number>;
  runbookCounts: Record<string, number>;
  items: Array<{
    action: PlanAction;
    id: string | null;
    key: string | null;
    title: string;
    sectionPath: string[];
    line: number | null;
    changes: Array<{ field: string; before: unknown; after: unknown }>;
    reason?: string;
    kind: string | null;
    priority: string | null;
    status: string | null;
    block: string | null;
    criteria: number;
  }>;
  runbooks: Array<{
    action: string;
    id: string | null;
    key: string;
    title: string;
    steps: number;
    reason?: string;
    changes: Array<{ field: string }>;
  }>;
  document: { key: string; exists?: boolean; title: string; id?: string; sameVersionImportedAt?: string | null };
  versionId?: string;
  /** Preview only: changes this person may not make (applying would be refused whole with 403). */
  refused?: Array<{ permission: string; effect: string }>;
  /** Preview only: the corrections the document was read with, and where they came from. */
  mapping?: { source: "chosen" | "saved" | "none"; mapping: TImportMapping | null };
  sectionTitles?: Array<{ title: string; level: number }>;
  declaredTotals?: Array<{ label: string; declared: number; found: number; line: number }>;
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
async function send(project: string, mode: "preview" | "apply", r: ImportRequest): Promise<ImportReport> {
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
  return json as ImportReport;
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
