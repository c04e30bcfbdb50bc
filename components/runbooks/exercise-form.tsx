"use client";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { countOf } from "@/lib/format";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import { useRunbookMutation } from "@/components/runbooks/use-runbook";

const minutes = (v: string) => (v.trim() === "" ? null : Math.round(Number(v) * 60));

/** Records an exercise by hand, then attaches its files (logs, screenshots) one by one. */
export function ExerciseForm({ project, runbookId, now }: { project: string; runbookId: string; now: string }) {
  const record = useRunbookMutation<Record<string, unknown>, { id: string }>(project, runbookId, (body) => ({
    path: "/exercises",
    method: "POST",
    body,
  }));
  const attach = useRunbookMutation<{ exerciseId: string; file: File }>(project, runbookId, ({ exerciseId, file }) => ({
    path: `/exercises/${exerciseId}/attachments`,
    method: "POST",
    body: file,
    query: { filename: file.name },
  }));
  const [f, setF] = useState({
    date: now.slice(0, 10),
    time: now.slice(11, 16),
    outcome: "PASS",
    rto: "",
    rpo: "",
    notes: "",
  });
  const [files, setFiles] = useState<File[]>([]);
  const [fileInput, setFileInput] = useState(0); // a new key empties the file input after a save
  const [saved, setSaved] = useState<string | null>(null);
  const [attachError, setAttachError] = useState<{ file: string; error: unknown } | null>(null);
  const errors = fieldErrors(record.error);
  const busy = record.isPending || attach.isPending;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    setAttachError(null);
    let exercise: { id: string };
    try {
      exercise = await record.mutateAsync({
        performedAt: new Date(`${f.date}T${f.time}:00Z`).toISOString(),
        outcome: f.outcome,
        measuredRtoSeconds: minutes(f.rto),
        measuredRpoSeconds: minutes(f.rpo),
        notes: f.notes,
      });
    } catch {
      return; // shown by the form's error message
    }
    let attached = 0;
    for (const file of files) {
      try {
        await attach.mutateAsync({ exerciseId: exercise.id, file });
        attached += 1;
      } catch (error) {
        setAttachError({ file: file.name, error });
        break;
      }
    }
    setSaved(
      files.length
        ? `Exercise recorded with ${attached} of ${countOf(files.length, "file")} attached.`
        : "Exercise recorded.",
    );
    setF({ ...f, rto: "", rpo: "", notes: "" });
    setFiles([]);
    setFileInput((k) => k + 1);
  }

  return (
    <form className="stack" onSubmit={submit} data-testid="exercise-form" aria-labelledby="exercise-form-title">
      <h3 id="exercise-form-title">Record an exercise</h3>
      <ErrorMessage error={record.error} />
      {saved ? <SuccessMessage>{saved} The next one is due one cadence from its date.</SuccessMessage> : null}
      {attachError ? (
        <div role="alert">
          <p className="small">{`"${attachError.file}" was not attached; the exercise is saved. Attach it again below once the problem is fixed.`}</p>
          <ErrorMessage error={attachError.error} />
        </div>
      ) : null}
      <div className="form-row">
        <Field label="Performed on (UTC)" error={errors.performedAt}>
          <input type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} required />
        </Field>
        <Field label="At (UTC)">
          <input type="time" value={f.time} onChange={(e) => setF({ ...f, time: e.target.value })} required />
        </Field>
        <Field label="Outcome" error={errors.outcome}>
          <select value={f.outcome} onChange={(e) => setF({ ...f, outcome: e.target.value })}>
            <option value="PASS">Passed</option>
            <option value="PARTIAL">Partly passed</option>
            <option value="FAIL">Failed</option>
          </select>
        </Field>
        <Field label="Measured recovery time (minutes)" error={errors.measuredRtoSeconds}>
          <input type="number" min="0" step="any" value={f.rto} onChange={(e) => setF({ ...f, rto: e.target.value })} />
        </Field>
        <Field label="Measured data loss window (minutes)" error={errors.measuredRpoSeconds}>
          <input type="number" min="0" step="any" value={f.rpo} onChange={(e) => setF({ ...f, rpo: e.target.value })} />
        </Field>
      </div>
      <Field label="Notes" hint="What was restored, what went wrong, what to change next time." error={errors.notes}>
        <textarea rows={3} value={f.notes} onChange={(e) => setF({ ...f, notes: e.target.value })} />
      </Field>
      <Field
        label="Files"
        hint="The drill's log, screenshots, a ticket export: up to 25 MB each, kept with the exercise."
      >
        <input
          key={fileInput}
          type="file"
          multiple
          onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          data-testid="exercise-files"
        />
      </Field>
      <div>
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {record.isPending ? "Recording…" : attach.isPending ? "Attaching files…" : "Record exercise"}
        </button>
      </div>
    </form>
  );
}
