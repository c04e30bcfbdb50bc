"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiFetch, withQuery } from "@/lib/client/api";
import type { EvidencePageDto } from "@/lib/dto/evidence";
import { evidenceKeys } from "@/components/evidence/query-keys";

export interface IngestAnswer {
  status: "created" | "existing";
  id: string;
  kind: string;
  format: string;
  outcome: string;
  title: string;
  controls: string[];
}

export type EvidenceFilters = Record<"kind" | "outcome" | "control" | "repo" | "from" | "to", string | undefined>;

const base = (slug: string) => `/api/v1/projects/${encodeURIComponent(slug)}/evidence`;

export function useEvidenceList(slug: string, filters: EvidenceFilters) {
  return useInfiniteQuery({
    queryKey: evidenceKeys.list(slug, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<EvidencePageDto>(base(slug), {
        query: { ...filters, cursor: pageParam, limit: 50 },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Uploads a file as the raw body, exactly as the CLI does; failures become ApiError like apiFetch's. */
async function uploadFile(slug: string, file: File, meta: Record<string, string | undefined>): Promise<IngestAnswer> {
  let res: Response;
  try {
    res = await fetch(withQuery(base(slug), { ...meta, filename: file.name }), {
      method: "POST",
      body: file,
      headers: { "content-type": "application/octet-stream", accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "Network error", "Proofline could not be reached. Check your connection and try again.");
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new ApiError(
      res.status,
      body.title ?? res.statusText,
      body.detail ?? `The upload failed (${res.status}).`,
      body.errors ?? [],
      body.requestId,
    );
  return body as IngestAnswer;
}

export function useUploadEvidence(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, meta }: { file: File; meta: Record<string, string | undefined> }) =>
      uploadFile(slug, file, meta),
    onSuccess: () => qc.invalidateQueries({ queryKey: evidenceKeys.all }),
  });
}

export function useRecordLink(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, string | undefined>) =>
      apiFetch<IngestAnswer>(`${base(slug)}/links`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: evidenceKeys.all }),
  });
}

export function useEvidenceFiling(slug: string, evidenceId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: evidenceKeys.all });
  const path = `${base(slug)}/${encodeURIComponent(evidenceId)}/controls`;
  return {
    map: useMutation({
      mutationFn: (control: string) => apiFetch(path, { method: "POST", body: { control } }),
      onSuccess: done,
    }),
    unmap: useMutation({
      mutationFn: (control: string) => apiFetch(`${path}/${encodeURIComponent(control)}`, { method: "DELETE" }),
      onSuccess: done,
    }),
  };
}
