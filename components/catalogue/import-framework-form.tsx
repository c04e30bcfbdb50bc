"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/client/api";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import { Field } from "@/components/ui/field";
import { useImportFramework, type ImportResult } from "@/components/catalogue/use-frameworks";
import { FormActions } from "@/components/ui/form-actions";

/** Imports a custom framework file (JSON, format in docs/catalogues.md) and shows what changed or what is wrong. */
export function ImportFrameworkForm() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const importer = useImportFramework();
  const problems = importer.error instanceof ApiError ? importer.error.fieldErrors : [];

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setReadError(null);
    setResult(null);
    importer.reset();
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setReadError(`${file.name} is not valid JSON. Export a framework to see the expected format.`);
      return;
    }
    importer.mutate(parsed, {
      onSuccess: (r) => {
        setResult(r);
        router.refresh();
      },
    });
  }

  return (
    <form className="stack" onSubmit={onSubmit} data-testid="import-framework-form">
      <Field
        label="Framework file (JSON)"
        hint="A new key creates a framework; the key of a framework you imported before updates it to the file's version."
      >
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          required
        />
      </Field>
      {readError ? (
        <div className="alert alert-error" role="alert">
          {readError}
        </div>
      ) : null}
      <ErrorMessage error={importer.error} testId="import-error" />
      {problems.length ? (
        <ul className="small" data-testid="import-problems">
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {result ? (
        <SuccessMessage testId="import-result">
          {result.changes.length ? (
            <>
              Imported <strong>{result.key}</strong>:
              <ul>
                {result.changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <strong>{result.key}</strong> already matched this file; nothing changed.
            </>
          )}
        </SuccessMessage>
      ) : null}
      <FormActions
        submitLabel="Import framework"
        pendingLabel="Importing…"
        pending={importer.isPending}
        disabled={!file}
      />
    </form>
  );
}
