"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { formatBytes } from "@/lib/ingest/limits";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import { fieldErrors } from "@/lib/client/describe-error";
import { ImportPlanView } from "@/components/import/import-preview";
import { useApplyImport, usePreviewImport, type ImportRequest } from "@/components/import/use-import";
import { MappingForm, NO_CHOICE, choiceFrom, mappingOf, type MappingChoice } from "@/components/import/mapping-form";
import { FormActions } from "@/components/ui/form-actions";

const SOURCES = [
  ["file", "A file"],
  ["paste", "Paste the text"],
] as const;

/** Upload or paste a document, see what it would change, then import it. */
export function ImportFlow({
  project,
  documents,
  maxBytes,
}: {
  project: string;
  documents: Array<{ key: string; title: string }>;
  maxBytes: number;
}) {
  const router = useRouter();
  const preview = usePreviewImport(project);
  const apply = useApplyImport(project);
  const [source, setSource] = useState<"file" | "paste">("file");
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [format, setFormat] = useState("");
  const [documentKey, setDocumentKey] = useState("");
  const [request, setRequest] = useState<ImportRequest | null>(null);
  const [choice, setChoice] = useState<MappingChoice | null>(null);
  const saved = preview.data?.mapping?.source === "saved" ? choiceFrom(preview.data.mapping.mapping) : null;
  const shown = choice ?? saved ?? NO_CHOICE;

  function onPreview(e: FormEvent) {
    e.preventDefault();
    apply.reset();
    const body = source === "file" ? file : text;
    if (!body) return;
    const r: ImportRequest = {
      body,
      filename: source === "file" ? file!.name : name || undefined,
      format: format || undefined,
      documentKey: documentKey || undefined,
    };
    setRequest(r);
    setChoice(null);
    preview.mutate(r);
  }

  /** A correction: preview again with it at once. */
  function onChoose(next: MappingChoice) {
    if (!request) return;
    setChoice(next);
    const r = { ...request, mapping: mappingOf(next) };
    setRequest(r);
    preview.mutate(r);
  }

  function onApply() {
    if (!request || !preview.data) return;
    apply.mutate({ ...request, expectedSha256: preview.data.sha256 }, { onSuccess: () => router.refresh() });
  }

  function startOver() {
    preview.reset();
    apply.reset();
    setRequest(null);
    setChoice(null);
  }

  if (apply.data) {
    return (
      <section className="card stack" aria-live="polite">
        <SuccessMessage testId="import-done">
          Imported {apply.data.document.title}: {apply.data.counts.create} new,{" "}
          {apply.data.counts.update + apply.data.counts.close + apply.data.counts.reopen + apply.data.counts.restore}{" "}
          changed, {apply.data.counts.remove} gone from the document, {apply.data.counts.conflict} conflicts left as
          they are.
        </SuccessMessage>
        <ImportPlanView report={apply.data} applied />
        <div className="row">
          <Link className="btn btn-primary" href={`/projects/${project}/backlog`}>
            Open the backlog
          </Link>
          {apply.data.runbooks.length ? (
            <Link className="btn" href={`/projects/${project}/runbooks`}>
              Open the runbooks
            </Link>
          ) : null}
          <button className="btn" type="button" onClick={startOver}>
            Import another document
          </button>
        </div>
      </section>
    );
  }

  // Why the importer refused the document (nothing recognised, not text, too complex) goes beside the document.
  const documentError = fieldErrors(preview.error).document;

  return (
    <div className="stack">
      <form className="card stack" onSubmit={onPreview} data-testid="import-form">
        <fieldset className="row" style={{ border: 0, padding: 0 }}>
          <legend className="small muted">Where is the document?</legend>
          {SOURCES.map(([value, label]) => (
            <label key={value} className="row">
              <input
                type="radio"
                name="source"
                value={value}
                checked={source === value}
                onChange={() => setSource(value)}
              />{" "}
              {label}
            </label>
          ))}
        </fieldset>
        {source === "file" ? (
          <Field
            label="Document"
            hint={`Markdown, reStructuredText or plain text, up to ${formatBytes(maxBytes)}.`}
            error={documentError}
          >
            <input
              type="file"
              accept=".md,.markdown,.rst,.txt,text/*"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              required
            />
          </Field>
        ) : (
          <>
            <Field label="Text of the document" error={documentError}>
              <textarea rows={12} value={text} onChange={(e) => setText(e.target.value)} required />
            </Field>
            <Field
              label="Name"
              hint='Used to recognise the document when you import a new version (e.g. "PRODUCTION_GAPS.md").'
            >
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
          </>
        )}
        <div className="form-row">
          <Field label="Format">
            <select value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="">Work it out</option>
              <option value="markdown">Markdown</option>
              <option value="rst">reStructuredText</option>
              <option value="text">Plain text</option>
            </select>
          </Field>
          <Field label="Import as" hint="A new version of a document already imported keeps its items in step.">
            <select value={documentKey} onChange={(e) => setDocumentKey(e.target.value)}>
              <option value="">Decide from the name</option>
              {documents.map((d) => (
                <option key={d.key} value={d.key}>
                  New version of {d.title}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <ErrorMessage error={preview.error} testId="import-error" />
        {request && preview.error && !preview.data ? (
          <MappingForm
            key={JSON.stringify(shown)}
            value={shown}
            sections={[]}
            onChange={onChoose}
            busy={preview.isPending}
            source={null}
          />
        ) : null}
        <FormActions submitLabel="Preview the import" pendingLabel="Reading…" pending={preview.isPending} />
      </form>
      {preview.data ? (
        <section className="card stack" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview: nothing is saved yet</h2>
          <ImportPlanView report={preview.data} applied={false} />
          <MappingForm
            key={JSON.stringify(shown)}
            value={shown}
            sections={preview.data.sectionTitles ?? []}
            onChange={onChoose}
            busy={preview.isPending}
            source={preview.data.mapping?.source ?? null}
          />
          {preview.data.refused?.length ? (
            <div className="alert alert-error" role="alert" data-testid="import-refused">
              You cannot apply this import: it would {preview.data.refused.map((r) => r.effect).join(", ")}, which your
              role does not allow ({[...new Set(preview.data.refused.map((r) => r.permission))].join(", ")}). Ask a
              compliance lead to import it, or remove those parts from the document.
            </div>
          ) : null}
          <ErrorMessage error={apply.error} />
          <div className="row">
            <button
              className="btn btn-primary"
              type="button"
              onClick={onApply}
              disabled={apply.isPending || !!preview.data.refused?.length}
              data-testid="apply-import"
            >
              {apply.isPending ? "Importing…" : "Import"}
            </button>
            <button className="btn" type="button" onClick={startOver}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
