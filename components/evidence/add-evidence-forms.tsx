"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { OUTCOMES } from "@/components/evidence/labels";
import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import { useRecordLink, useUploadEvidence, type IngestAnswer } from "@/components/evidence/use-evidence";

const day = (d: string, end = false) => (d ? `${d}T${end ? "23:59:59.999" : "00:00:00.000"}Z` : undefined);

function Stored({ slug, answer }: { slug: string; answer: IngestAnswer }) {
  return (
    <div className="alert alert-ok" role="status" data-testid="evidence-stored">
      {answer.status === "created" ? "Stored" : "Already stored"}:{" "}
      <Link href={`/projects/${slug}/evidence/${answer.id}`}>{answer.title}</Link>{" "}
      <OutcomeBadge outcome={answer.outcome} />{" "}
      {answer.controls.length ? `Filed under ${answer.controls.join(", ")}.` : "Not filed under a control yet."}
    </div>
  );
}

/** Upload any evidence file: known formats are parsed and judged; anything else is kept as a file. */
export function UploadEvidenceForm({ slug, formats }: { slug: string; formats: Array<{ id: string; label: string }> }) {
  const upload = useUploadEvidence(slug);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("");
  const [title, setTitle] = useState("");
  const [effective, setEffective] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [outcome, setOutcome] = useState("PASS");
  const errors = fieldErrors(upload.error);
  const manual = format === "manual" || format === "vendor-report";

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    upload.mutate({
      file,
      meta: {
        format: format || undefined,
        title: title || undefined,
        effectiveAt: day(effective),
        periodStart: day(from),
        periodEnd: day(to, true),
        outcome: manual ? outcome : undefined,
      },
    });
  }

  return (
    <form
      className="card stack"
      onSubmit={onSubmit}
      aria-labelledby="upload-title"
      data-testid="upload-form"
      noValidate
    >
      <h3 id="upload-title">Upload a file</h3>
      <ErrorMessage error={upload.error} />
      {upload.data ? <Stored slug={slug} answer={upload.data} /> : null}
      <Field
        label="File"
        hint="Test reports, scans, audits, SBOMs, audit logs, drill reports, or any document (as “Any other file”)."
      >
        <input type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Field>
      <Field
        label="Format"
        hint="Left on “Detect”, Proofline recognises the format and says which it found."
        error={errors.format}
      >
        <select value={format} onChange={(e) => setFormat(e.target.value)}>
          <option value="">Detect</option>
          {formats.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Title (optional)" error={errors.title}>
        <input type="text" value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <div className="form-row">
        <Field
          label="Effective date (optional)"
          hint="When what the file shows was true; defaults to the date inside the file, else today."
          error={errors.effectiveAt}
        >
          <input type="date" value={effective} onChange={(e) => setEffective(e.target.value)} />
        </Field>
        <Field label="Covers from (optional)" error={errors.periodStart}>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="Covers to (optional)" error={errors.periodEnd}>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </div>
      {manual ? (
        <Field
          label="What the file shows"
          hint="Files of other formats are not judged by Proofline: say whether they show the control working."
        >
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            {Object.entries(OUTCOMES).map(([k, o]) => (
              <option key={k} value={k}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <div>
        <button className="btn btn-primary" type="submit" disabled={!file || upload.isPending}>
          {upload.isPending ? "Uploading…" : "Upload"}
        </button>
      </div>
    </form>
  );
}

/** Record a link (a policy page, a ticket, a dashboard) as evidence for a date and period. */
export function LinkEvidenceForm({ slug }: { slug: string }) {
  const record = useRecordLink(slug);
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [effective, setEffective] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [outcome, setOutcome] = useState("PASS");
  const errors = fieldErrors(record.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    record.mutate({
      url,
      title,
      effectiveAt: day(effective),
      periodStart: day(from),
      periodEnd: day(to, true),
      outcome,
    });
  }

  return (
    <form className="card stack" onSubmit={onSubmit} aria-labelledby="link-title" data-testid="link-form" noValidate>
      <h3 id="link-title">Record a link</h3>
      <ErrorMessage error={record.error} />
      {record.data ? <Stored slug={slug} answer={record.data} /> : null}
      <Field label="URL" error={errors.url}>
        <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
      </Field>
      <Field label="Title" error={errors.title}>
        <input type="text" required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <div className="form-row">
        <Field label="Effective date" error={errors.effectiveAt}>
          <input type="date" required value={effective} onChange={(e) => setEffective(e.target.value)} />
        </Field>
        <Field label="Covers from (optional)" error={errors.periodStart}>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="Covers to (optional)" error={errors.periodEnd}>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </div>
      <Field label="What it shows">
        <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {Object.entries(OUTCOMES).map(([k, o]) => (
            <option key={k} value={k}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <button className="btn btn-primary" type="submit" disabled={record.isPending}>
          Record link
        </button>
      </div>
    </form>
  );
}
