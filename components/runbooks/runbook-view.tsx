"use client";
import Link from "next/link";
import { useState } from "react";
import { formatDate, formatDateTime } from "@/lib/format";
import { cadenceLabel, formatDuration } from "@/lib/runbooks/schedule";
import { Badge } from "@/components/ui/badge";
import { ErrorMessage } from "@/components/ui/error-message";
import { ScheduleBadge } from "@/components/runbooks/schedule-badge";
import { RunbookSteps } from "@/components/runbooks/runbook-steps";
import { RunbookControls } from "@/components/runbooks/runbook-controls";
import { ExerciseForm } from "@/components/runbooks/exercise-form";
import { formatBytes } from "@/lib/ingest/limits";
import { RunbookForm } from "@/components/runbooks/runbook-form";
import { useRunbook, useRunbookMutation } from "@/components/runbooks/use-runbook";
import type { RunbookDto } from "@/lib/dto/runbooks";
import { DataTable } from "@/components/ui/data-table";

const OUTCOMES = {
  PASS: { label: "Passed", tone: "ok" },
  PARTIAL: { label: "Partly passed", tone: "warn" },
  FAIL: { label: "Failed", tone: "bad" },
} as const;

/** A runbook's page: steps, schedule, targets, exercises and version history. */
export function RunbookPage({
  initial,
  version,
  canWrite,
  canExercise,
  now,
}: {
  initial: RunbookDto;
  version: number | null;
  canWrite: boolean;
  canExercise: boolean;
  now: string;
}) {
  const query = useRunbook(initial.project.slug, initial.id, version, initial);
  const update = useRunbookMutation(initial.project.slug, initial.id, (body: unknown) => ({
    path: "",
    method: "PATCH",
    body,
  }));
  const [editing, setEditing] = useState(false);
  const rb = query.data ?? initial;
  const base = `/projects/${rb.project.slug}/runbooks/${rb.id}`;
  const old = rb.shownVersion.version !== rb.currentVersion;

  return (
    <div className="stack" data-testid="runbook">
      <h2 data-testid="runbook-title">{rb.title}</h2>
      {rb.schedule.state === "overdue" ? (
        <div className="alert alert-error" role="alert" data-testid="runbook-overdue">
          The exercise of this runbook is overdue: it was due on {formatDate(rb.schedule.dueAt)}
          {rb.schedule.lastPerformedAt
            ? `, one cadence after the last one on ${formatDate(rb.schedule.lastPerformedAt)}`
            : ", and it has never been exercised"}
          .
        </div>
      ) : null}
      <section className="card">
        <dl className="kv">
          <dt>Schedule</dt>
          <dd className="row">
            <span>{cadenceLabel(rb.cadenceDays)}</span> <ScheduleBadge schedule={rb.schedule} />
          </dd>
          <dt>Owner</dt>
          <dd>{rb.owner?.name ?? <span className="muted">Nobody yet</span>}</dd>
          <dt>Recovery time objective</dt>
          <dd>{formatDuration(rb.rtoTargetSeconds)}</dd>
          <dt>Recovery point objective</dt>
          <dd>{formatDuration(rb.rpoTargetSeconds)}</dd>
          <dt>Source</dt>
          <dd>
            {rb.document ? (
              <Link
                href={`/projects/${rb.project.slug}/import/documents/${rb.document.id}${rb.documentVersionId ? `?version=${rb.documentVersionId}` : ""}${rb.sourceLine ? `#L${rb.sourceLine}` : ""}`}
              >
                {rb.document.title}
                {rb.sourceLine ? `, line ${rb.sourceLine}` : ""}
              </Link>
            ) : (
              "Written in Proofline"
            )}
            {rb.removedFromSourceAt ? <Badge tone="warn">Gone from its document</Badge> : null}
          </dd>
        </dl>
        {canWrite && !editing ? (
          <button className="btn" type="button" onClick={() => setEditing(true)} style={{ marginTop: "0.75rem" }}>
            Edit runbook
          </button>
        ) : null}
        {editing ? (
          <RunbookForm
            withNote
            initial={{
              title: rb.title,
              steps: rb.shownVersion.steps,
              ownerId: rb.owner?.id ?? null,
              cadenceDays: rb.cadenceDays,
              rtoTargetSeconds: rb.rtoTargetSeconds,
              rpoTargetSeconds: rb.rpoTargetSeconds,
            }}
            submitLabel="Save runbook"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(v) => update.mutate(v, { onSuccess: () => setEditing(false) })}
          />
        ) : null}
      </section>

      <section className="card" aria-labelledby="steps-title">
        <h2 id="steps-title">
          Steps{" "}
          <span className="muted small">
            version {rb.shownVersion.version}
            {old ? ` (the current one is ${rb.currentVersion})` : ""}
          </span>
        </h2>
        {old ? (
          <p className="alert alert-info">
            You are looking at an earlier version, saved {formatDateTime(rb.shownVersion.createdAt)}.{" "}
            <Link href={base}>Show the current steps</Link>.
          </p>
        ) : null}
        {rb.shownVersion.steps.length === 0 ? (
          <p className="muted" data-testid="runbook-no-steps">
            No steps written yet.{canWrite ? " Edit the runbook to write them." : ""}
          </p>
        ) : (
          <RunbookSteps steps={rb.shownVersion.steps} />
        )}
      </section>

      <section className="card stack" aria-labelledby="exercises-title">
        <h2 id="exercises-title">Exercises</h2>
        {rb.exercises.length === 0 ? (
          <p className="muted">Never exercised. Record the first drill here; its date starts the schedule.</p>
        ) : (
          <DataTable
            testId="exercises"
            columns={["Performed", "Outcome", "Recovery time", "Data loss window", "Notes", "Files", "Recorded by"]}
          >
            {rb.exercises.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.performedAt)}</td>
                <td>
                  <Badge tone={OUTCOMES[e.outcome].tone}>{OUTCOMES[e.outcome].label}</Badge>
                </td>
                <td>
                  {formatDuration(e.measuredRtoSeconds)}
                  {rb.rtoTargetSeconds &&
                  e.measuredRtoSeconds !== null &&
                  e.measuredRtoSeconds > rb.rtoTargetSeconds ? (
                    <span className="small"> (over the target)</span>
                  ) : null}
                </td>
                <td>{formatDuration(e.measuredRpoSeconds)}</td>
                <td className="small" style={{ whiteSpace: "pre-wrap" }}>
                  {e.notes || "—"}
                </td>
                <td className="small">
                  {e.attachments.length === 0
                    ? "—"
                    : e.attachments.map((a) => (
                        <div key={a.id}>
                          <a
                            href={`/api/v1/projects/${rb.project.slug}/runbooks/${rb.id}/exercises/${e.id}/attachments/${a.id}`}
                            download
                            title={`sha256 ${a.sha256}`}
                          >
                            {a.filename}
                          </a>{" "}
                          <span className="muted">({formatBytes(a.size)})</span>
                        </div>
                      ))}
                </td>
                <td className="small">{e.evidenceId ? "From evidence" : (e.recordedBy ?? "—")}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {canExercise ? <ExerciseForm project={rb.project.slug} runbookId={rb.id} now={now} /> : null}
      </section>

      <RunbookControls runbook={rb} canWrite={canWrite} />

      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Version history</h2>
        <ol reversed className="small" data-testid="runbook-versions">
          {rb.versions.map((v) => (
            <li key={v.id}>
              {v.version === rb.shownVersion.version ? (
                <strong>Version {v.version}</strong>
              ) : (
                <Link href={`${base}?version=${v.version}`}>Version {v.version}</Link>
              )}
              {`, ${formatDateTime(v.createdAt)}, ${v.steps} steps${v.editedBy ? `, by ${v.editedBy}` : ""}`}
              {v.note ? ` — ${v.note}` : ""}
            </li>
          ))}
        </ol>
      </section>
      <ErrorMessage error={query.error} />
    </div>
  );
}
