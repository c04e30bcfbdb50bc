"use client";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { Field } from "@/components/ui/field";
import { ErrorMessage } from "@/components/ui/error-message";
import { useRunbookMutation } from "@/components/runbooks/use-runbook";

const minutes = (v: string) => (v.trim() === "" ? null : Math.round(Number(v) * 60));

/** Records an exercise by hand. Attachments wait for the evidence store; describe them in the notes. */
export function ExerciseForm({ project, runbookId, now }: { project: string; runbookId: string; now: string }) {
  const record = useRunbookMutation(project, runbookId, (body: Record<string, unknown>) => ({ path: "/exercises", method: "POST", body }));
  const [f, setF] = useState({ date: now.slice(0, 10), time: now.slice(11, 16), outcome: "PASS", rto: "", rpo: "", notes: "" });
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(record.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    record.mutate(
      { performedAt: new Date(`${f.date}T${f.time}:00Z`).toISOString(), outcome: f.outcome, measuredRtoSeconds: minutes(f.rto), measuredRpoSeconds: minutes(f.rpo), notes: f.notes },
      { onSuccess: () => { setSaved(true); setF({ ...f, rto: "", rpo: "", notes: "" }); } },
    );
  }

  return (
    <form className="stack" onSubmit={submit} data-testid="exercise-form" aria-labelledby="exercise-form-title">
      <h3 id="exercise-form-title">Record an exercise</h3>
      <ErrorMessage error={record.error} />
      {saved ? <div className="alert alert-ok" role="status">Exercise recorded. The next one is due one cadence from its date.</div> : null}
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
      <Field label="Notes" hint="What was restored, what went wrong, where the logs are. File attachments arrive with the evidence store." error={errors.notes}>
        <textarea rows={3} value={f.notes} onChange={(e) => setF({ ...f, notes: e.target.value })} />
      </Field>
      <div>
        <button className="btn btn-primary" type="submit" disabled={record.isPending}>
          {record.isPending ? "Recording…" : "Record exercise"}
        </button>
      </div>
    </form>
  );
}
