"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { fieldErrors } from "@/lib/client/describe-error";
import { formatDateTime, formatNumber } from "@/lib/format";
import { ErrorMessage } from "@/components/ui/error-message";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { POPULATION_KIND_LABELS } from "@/components/audits/labels";
import { useDrawSample, usePopulations, type PopulationStatus } from "@/components/audits/use-populations";
import type { PopulationDto } from "@/lib/dto/audits";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { FormActions } from "@/components/ui/form-actions";

/** The audit's populations, each with its size, its defining filter, its samples and a way to draw another. */
export function PopulationsPanel({ auditId, canSample }: { auditId: string; canSample: boolean }) {
  const list = usePopulations(auditId);
  if (list.isPending) return <p className="muted">Loading populations…</p>;
  if (list.error) return <ErrorMessage error={list.error} />;
  if (!list.data.length) {
    return (
      <EmptyState title="No populations yet" testId="populations-empty">
        <p>
          A population is every event of one kind inside the window (merged pull requests, CI runs on the main branch,
          restore drills, or audit-log events matching a filter). Define one
          {canSample ? " below" : ""}, then draw a sample with a recorded seed: the same seed always draws the same
          sample.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="stack" data-testid="populations">
      {list.data.map((p) => (
        <PopulationCard key={p.id} auditId={auditId} population={p} canSample={canSample} />
      ))}
    </div>
  );
}

function PopulationCard({
  auditId,
  population: p,
  canSample,
}: {
  auditId: string;
  population: PopulationDto;
  canSample: boolean;
}) {
  const base = `/api/v1/audits/${auditId}/populations/${p.id}`;
  return (
    <section className="card stack" data-testid="population-card" aria-label={POPULATION_KIND_LABELS[p.kind] ?? p.kind}>
      <div className="row">
        <h2 style={{ margin: 0 }}>
          <Link href={`/audits/${auditId}/populations/${p.id}`}>{POPULATION_KIND_LABELS[p.kind] ?? p.kind}</Link>
        </h2>
        {p.size !== null ? (
          <>
            <span className="stat" data-testid="population-size">
              {formatNumber(p.size)}
            </span>
            <span className="stat-label">member{p.size === 1 ? "" : "s"}</span>
          </>
        ) : (
          <PopulationStatusBadge status={p.status} />
        )}
        <div className="spacer" />
        {p.status === "READY" ? (
          <a className="btn btn-small" href={`${base}/export`} download>
            Population CSV
          </a>
        ) : null}
      </div>
      {p.error ? <p className="alert alert-error">{p.error}</p> : null}
      <p className="small">
        <strong>Defined as:</strong> {p.definition}
        {p.control ? ` · tests ${p.control.key} ${p.control.title}` : ""}
      </p>
      {p.digest !== null ? <p className="small muted mono">digest {p.digest}</p> : null}
      {p.samples.length ? (
        <DataTable testId="samples-table" columns={["Sample", "Seed", "Drawn", "Export"]}>
          {p.samples.map((s) => (
            <tr key={s.id} data-testid="sample-row">
              <td>
                {s.size} of {formatNumber(s.populationSize)}
              </td>
              <td className="mono">{s.seed}</td>
              <td className="small">{formatDateTime(s.createdAt)}</td>
              <td>
                <a href={`${base}/samples/${s.id}/export`} download>
                  Sample CSV
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted small">No sample drawn yet.</p>
      )}
      {canSample && p.size ? <SampleForm auditId={auditId} populationId={p.id} max={p.size} /> : null}
    </section>
  );
}

export function PopulationStatusBadge({ status }: { status: PopulationStatus }) {
  return (
    <span data-testid="population-status">
      {status === "FAILED" ? (
        <Badge tone="bad">counting failed</Badge>
      ) : (
        <Badge tone="info">{status === "QUEUED" ? "waiting for the worker" : "counting…"}</Badge>
      )}
    </span>
  );
}

function SampleForm({ auditId, populationId, max }: { auditId: string; populationId: string; max: number }) {
  const [size, setSize] = useState(String(Math.min(25, max)));
  const [seed, setSeed] = useState("");
  const draw = useDrawSample(auditId, populationId);
  const errors = fieldErrors(draw.error);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    draw.mutate({ size: Number(size), seed: seed.trim() || undefined });
  }
  return (
    <form className="stack" onSubmit={onSubmit} data-testid="sample-form" noValidate>
      <ErrorMessage error={draw.error} />
      <div className="form-row">
        <Field label="Sample size" error={errors.size}>
          <input
            type="number"
            min={1}
            max={Math.min(max, 1000)}
            value={size}
            onChange={(e) => setSize(e.target.value)}
          />
        </Field>
        <Field label="Seed" hint="Leave empty for a random one (it is recorded)." error={errors.seed}>
          <input type="text" value={seed} onChange={(e) => setSeed(e.target.value)} maxLength={64} />
        </Field>
        <FormActions submitLabel="Draw sample" pendingLabel="Drawing…" pending={draw.isPending} />
      </div>
    </form>
  );
}
