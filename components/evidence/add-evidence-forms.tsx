"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field, InputField } from "@/components/ui/field";
import { formatOption, OUTCOMES } from "@/components/evidence/labels";
import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import { useRecordLink, useUploadEvidence, type IngestAnswer } from "@/components/evidence/use-evidence";
import { recordOptions, SelectField } from "@/components/ui/select-field";
import { useFormValues, type FormValues } from "@/components/ui/use-form-values";
import { FormActions } from "@/components/ui/form-actions";
import { FormCard } from "@/components/ui/card";
import { SuccessMessage } from "@/components/ui/error-message";

const day = (d: string, end = false) => (d ? `${d}T${end ? "23:59:59.999" : "00:00:00.000"}Z` : undefined);

/** The period an evidence covers, as whole UTC days. */
const covers = (p: { from: string; to: string }) => ({ periodStart: day(p.from), periodEnd: day(p.to, true) });

/** The period an evidence covers, both ends optional. */
function CoversFields({
  bind,
  errors,
}: {
  bind: FormValues<{ from: string; to: string }>["bind"];
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <InputField label="Covers from (optional)" error={errors.periodStart} type="date" {...bind("from")} />
      <InputField label="Covers to (optional)" error={errors.periodEnd} type="date" {...bind("to")} />
    </>
  );
}

function Stored({ slug, answer }: { slug: string; answer: IngestAnswer }) {
  return (
    <SuccessMessage testId="evidence-stored">
      {answer.status === "created" ? "Stored" : "Already stored"}:{" "}
      <Link href={`/projects/${slug}/evidence/${answer.id}`}>{answer.title}</Link>{" "}
      <OutcomeBadge outcome={answer.outcome} />{" "}
      {answer.controls.length ? `Filed under ${answer.controls.join(", ")}.` : "Not filed under a control yet."}
    </SuccessMessage>
  );
}

/** Upload any evidence file: known formats are parsed and judged; anything else is kept as a file. */
export function UploadEvidenceForm({ slug, formats }: { slug: string; formats: Array<{ id: string; label: string }> }) {
  const upload = useUploadEvidence(slug);
  const [file, setFile] = useState<File | null>(null);
  const form = useFormValues({ format: "", title: "", effective: "", from: "", to: "", outcome: "PASS" });
  const { format, title, effective, outcome } = form.values;
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
        ...covers(form.values),
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
        {...form.bind("format")}
      />
      <InputField label="Title (optional)" error={errors.title} type="text" maxLength={300} {...form.bind("title")} />
      <div className="form-row">
        <InputField
          label="Effective date (optional)"
          hint="When what the file shows was true; defaults to the date inside the file, else today."
          error={errors.effectiveAt}
          type="date"
          {...form.bind("effective")}
        />
        <CoversFields bind={form.bind} errors={errors} />
      </div>
      {manual ? (
        <SelectField
          label="What the file shows"
          hint="Files of other formats are not judged by Proofline: say whether they show the control working."
          options={recordOptions(OUTCOMES)}
          {...form.bind("outcome")}
        />
      ) : null}
      <FormActions submitLabel="Upload" pendingLabel="Uploading…" pending={upload.isPending} disabled={!file} />
    </FormCard>
  );
}

/** Record a link (a policy page, a ticket, a dashboard) as evidence for a date and period. */
export function LinkEvidenceForm({ slug }: { slug: string }) {
  const record = useRecordLink(slug);
  const form = useFormValues({ url: "", title: "", effective: "", from: "", to: "", outcome: "PASS" });
  const errors = fieldErrors(record.error);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const { url, title, effective, outcome } = form.values;
    record.mutate({ url, title, effectiveAt: day(effective), ...covers(form.values), outcome });
  }

  return (
    <FormCard title="Record a link" titleId="link-title" testId="link-form" onSubmit={onSubmit} error={record.error}>
      {record.data ? <Stored slug={slug} answer={record.data} /> : null}
      <InputField label="URL" error={errors.url} type="url" required {...form.bind("url")} placeholder="https://" />
      <InputField label="Title" error={errors.title} type="text" required maxLength={300} {...form.bind("title")} />
      <div className="form-row">
        <InputField
          label="Effective date"
          error={errors.effectiveAt}
          type="date"
          required
          {...form.bind("effective")}
        />
        <CoversFields bind={form.bind} errors={errors} />
      </div>
      <SelectField label="What it shows" options={recordOptions(OUTCOMES)} {...form.bind("outcome")} />
      <div>
        <button className="btn btn-primary" type="submit" disabled={record.isPending}>
          Record link
        </button>
      </div>
    </FormCard>
  );
}
