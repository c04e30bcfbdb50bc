"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { formatOption, OUTCOMES } from "@/components/evidence/labels";
import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import { useRecordLink, useUploadEvidence, type IngestAnswer } from "@/components/evidence/use-evidence";
import { recordOptions, SelectField } from "@/components/ui/select-field";
import { useFormValues, type FormValues } from "@/components/ui/use-form-values";
import { FormActions } from "@/components/ui/form-actions";
import { FormCard } from "@/components/ui/card";

const day = (d: string, end = false) => (d ? `${d}T${end ? "23:59:59.999" : "00:00:00.000"}Z` : undefined);

/** The period an evidence covers, as whole UTC days. */
const covers = (p: { from: string; to: string }) => ({ periodStart: day(p.from), periodEnd: day(p.to, true) });

/** The period an evidence covers, both ends optional. */
function CoversFields({
  period,
  errors,
}: {
  period: FormValues<{ from: string; to: string }>;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <Field label="Covers from (optional)" error={errors.periodStart}>
        <input type="date" {...period.bind("from")} />
      </Field>
      <Field label="Covers to (optional)" error={errors.periodEnd}>
        <input type="date" {...period.bind("to")} />
      </Field>
    </>
  );
}

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
  const period = useFormValues({ from: "", to: "" });
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
        ...covers(period.values),
        outcome: manual ? outcome : undefined,
      },
    });
  }

  return (
    <FormCard
      title="Upload a file"
      titleId="upload-title"
      testId="upload-form"
      onSubmit={onSubmit}
      error={upload.error}
    >
      {upload.data ? <Stored slug={slug} answer={upload.data} /> : null}
      <Field
        label="File"
        hint="Test reports, scans, audits, SBOMs, audit logs, drill reports, or any document (as “Any other file”)."
      >
        <input type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Field>
      <SelectField
        label="Format"
        hint="Left on “Detect”, Proofline recognises the format and says which it found."
        error={errors.format}
        blank="Detect"
        options={formats.map(formatOption)}
        value={format}
        onChange={(e) => setFormat(e.target.value)}
      />
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
        <CoversFields period={period} errors={errors} />
      </div>
      {manual ? (
        <SelectField
          label="What the file shows"
          hint="Files of other formats are not judged by Proofline: say whether they show the control working."
          options={recordOptions(OUTCOMES)}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
        />
      ) : null}
      <FormActions submitLabel="Upload" pendingLabel="Uploading…" pending={upload.isPending} disabled={!file} />
    </FormCard>
  );
}

/** Record a link (a policy page, a ticket, a dashboard) as evidence for a date and period. */
export function LinkEvidenceForm({ slug }: { slug: string }) {
  const record = useRecordLink(slug);
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [effective, setEffective] = useState("");
  const period = useFormValues({ from: "", to: "" });
  const [outcome, setOutcome] = useState("PASS");
  const errors = fieldErrors(record.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    record.mutate({
      url,
      title,
      effectiveAt: day(effective),
      ...covers(period.values),
      outcome,
    });
  }

  return (
    <FormCard title="Record a link" titleId="link-title" testId="link-form" onSubmit={onSubmit} error={record.error}>
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
        <CoversFields period={period} errors={errors} />
      </div>
      <SelectField
        label="What it shows"
        options={recordOptions(OUTCOMES)}
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
      />
      <div>
        <button className="btn btn-primary" type="submit" disabled={record.isPending}>
          Record link
        </button>
      </div>
    </FormCard>
  );
}
