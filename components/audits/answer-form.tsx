"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/lib/client/api";
import { fieldErrors } from "@/lib/client/describe-error";
import { formatDate } from "@/lib/format";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import { auditKeys } from "@/components/audits/query-keys";
import { useRequestAction } from "@/components/audits/use-request-action";
import { loadedRows } from "@/components/ui/query-table";

interface Candidate {
  id: string;
  title: string;
  outcome: string;
  effectiveAt: string;
  project: { slug: string; name: string };
}

interface Props {
  auditId: string;
  requestId: string;
  window: { start: string; end: string };
  projects: Array<{ slug: string; name: string }>;
}

/** Uploads a file as manual evidence through the evidence API, effective at a moment inside the window. */
async function uploadEvidence(slug: string, file: File, title: string, effectiveDay: string): Promise<string> {
  const query = new URLSearchParams({
    format: "manual",
    title,
    filename: file.name,
    effectiveAt: `${effectiveDay}T12:00:00.000Z`,
  });
  let res: Response;
  try {
    res = await fetch(`/api/v1/projects/${slug}/evidence?${query}`, {
      method: "POST",
      body: file,
      headers: { "content-type": file.type || "application/octet-stream" },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "Network error", "Proofline could not be reached. Check your connection and try again.");
  }
  const body = (await res.json().catch(() => ({}))) as { id?: string; detail?: string; title?: string };
  if (!res.ok || !body.id)
    throw new ApiError(res.status, body.title ?? "Upload failed", body.detail ?? `The upload failed (${res.status}).`);
  return body.id;
}

/** The owner answers: attach evidence already in Proofline, or upload a file, with a note. */
export function AnswerForm({ auditId, requestId, window, projects }: Props) {
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [picked, setPicked] = useState<string[]>([]);
  const [comment, setComment] = useState("");
  const [upload, setUpload] = useState({ project: projects[0]?.slug ?? "", title: "", day: window.end.slice(0, 10) });
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const answer = useRequestAction<{ evidenceIds: string[]; comment: string }>(auditId, requestId, "answer");
  const candidates = useInfiniteQuery({
    queryKey: [...auditKeys.request(auditId, requestId), "candidates", search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<{ items: Candidate[]; nextCursor: string | null }>(
        `/api/v1/audits/${auditId}/requests/${requestId}/candidates`,
        { query: { q: search, cursor: pageParam, limit: 20 } },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = loadedRows(candidates);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setUploadError(null);
    let ids = picked;
    if (file) {
      setUploading(true);
      try {
        ids = [...ids, await uploadEvidence(upload.project, file, upload.title || file.name, upload.day)];
      } catch (err) {
        setUploadError(err);
        return;
      } finally {
        setUploading(false);
      }
    }
    answer.mutate({ evidenceIds: ids, comment });
  }

  return (
    <section className="card" aria-labelledby="answer-title">
      <h2 id="answer-title">Answer</h2>
      <form className="stack" onSubmit={onSubmit} data-testid="answer-form" noValidate>
        <ErrorMessage error={uploadError ?? answer.error} />
        <div className="filters">
          <Field label="Find evidence inside the window">
            <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Title contains…" />
          </Field>
          <button type="button" className="btn btn-small" onClick={() => setSearch(q)}>
            Search
          </button>
        </div>
        {candidates.error ? <ErrorMessage error={candidates.error} /> : null}
        {rows.length ? (
          <fieldset className="field">
            <legend className="label">Attach</legend>
            {rows.map((c) => (
              <label key={c.id} className="row small">
                <input
                  type="checkbox"
                  checked={picked.includes(c.id)}
                  onChange={(e) => setPicked(e.target.checked ? [...picked, c.id] : picked.filter((x) => x !== c.id))}
                />
                {c.title} <OutcomeBadge outcome={c.outcome} />{" "}
                <span className="muted">
                  {c.project.name} · {formatDate(c.effectiveAt)}
                </span>
              </label>
            ))}
            {candidates.hasNextPage ? (
              <button type="button" className="btn btn-small" onClick={() => candidates.fetchNextPage()}>
                Load more
              </button>
            ) : null}
          </fieldset>
        ) : candidates.isPending ? null : (
          <p className="muted small">No evidence inside the window matches. Upload a file below instead.</p>
        )}
        <fieldset className="field">
          <legend className="label">Or upload a file</legend>
          <div className="form-row">
            <Field label="Project">
              <select value={upload.project} onChange={(e) => setUpload({ ...upload, project: e.target.value })}>
                {projects.map((p) => (
                  <option key={p.slug} value={p.slug}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="File">
              <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </Field>
            <Field label="Title">
              <input
                type="text"
                value={upload.title}
                onChange={(e) => setUpload({ ...upload, title: e.target.value })}
                maxLength={300}
              />
            </Field>
            <Field
              label="Effective on"
              hint={`Inside the window: ${formatDate(window.start)} to ${formatDate(window.end)}.`}
            >
              <input
                type="date"
                value={upload.day}
                min={window.start.slice(0, 10)}
                max={window.end.slice(0, 10)}
                onChange={(e) => setUpload({ ...upload, day: e.target.value })}
              />
            </Field>
          </div>
        </fieldset>
        <Field label="Note to the auditor" error={fieldErrors(answer.error).comment}>
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={5000} />
        </Field>
        <div>
          <button className="btn btn-primary" type="submit" disabled={answer.isPending || uploading}>
            {uploading ? "Uploading…" : answer.isPending ? "Sending…" : "Send answer"}
          </button>
        </div>
      </form>
    </section>
  );
}
