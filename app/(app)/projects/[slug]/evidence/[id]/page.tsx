import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { formatDateTime, formatNumber } from "@/lib/format";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { listControlOptions } from "@/lib/controls/list-control-options";
import { KIND_LABELS } from "@/components/evidence/labels";
import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import { EvidenceSummary } from "@/components/evidence/evidence-summary";
import { EvidenceControls } from "@/components/evidence/evidence-controls";
import { SafeLink } from "@/components/evidence/summary-parts";
import { KeyValues } from "@/components/ui/key-values";
import { BackdatedNote } from "@/components/evidence/backdated-note";
import { lateForAudits } from "@/lib/audits/backdating";
import { requestNow } from "@/lib/clock";
import { orNotFound } from "@/lib/core/page-data";

export default async function EvidencePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const ctx = await requirePermission("evidence:read");
  const [evidence, options] = await Promise.all([
    orNotFound(getEvidence({ ctx, projectSlug: slug, evidenceId: id })),
    listControlOptions({ ctx }),
  ]);
  const summary = (evidence.summary ?? {}) as Record<string, unknown>;
  const late = await lateForAudits({ actor: ctx.actor, evidence, now: await requestNow() });
  const source: Array<[string, React.ReactNode]> = [
    ["Repository", evidence.sourceRepo ?? "—"],
    ["Branch", evidence.sourceBranch ?? "—"],
    ["Commit", evidence.sourceCommit ? <span className="mono">{evidence.sourceCommit}</span> : "—"],
    ["Workflow", evidence.sourceWorkflow ?? "—"],
  ];
  if (evidence.sourceRunUrl) source.push(["Run", <SafeLink key="run" href={evidence.sourceRunUrl} />]);
  if (evidence.sourceUrl) source.push(["Link", <SafeLink key="url" href={evidence.sourceUrl} />]);
  return (
    <div className="stack" data-testid="evidence-page">
      <p className="small">
        <Link href={`/projects/${slug}/evidence`}>← All evidence</Link>
      </p>
      <div className="row">
        <h2 data-testid="evidence-title">{evidence.title}</h2>
        <OutcomeBadge outcome={evidence.outcome} />
      </div>
      {typeof summary.outcomeReason === "string" ? <p data-testid="outcome-reason">{summary.outcomeReason}</p> : null}
      <BackdatedNote late={late} collectedAt={evidence.collectedAt} />
      <div className="grid grid-2">
        <section className="card">
          <h3>What it is</h3>
          <KeyValues
            items={[
              ["Kind", KIND_LABELS[evidence.kind] ?? evidence.kind],
              [
                "Format",
                <span key="f" className="mono">
                  {evidence.format}
                </span>,
              ],
              [
                "Effective",
                <span key="eff" data-testid="evidence-effective">
                  {formatDateTime(evidence.effectiveAt)}
                </span>,
              ],
              // Whoever pushes evidence chooses its effective time; the collected time is Proofline's own.
              [
                "Collected",
                <span key="col" data-testid="evidence-collected">
                  {formatDateTime(evidence.collectedAt)}
                </span>,
              ],
              [
                "Period",
                evidence.periodStart || evidence.periodEnd
                  ? `${formatDateTime(evidence.periodStart)} to ${formatDateTime(evidence.periodEnd)}`
                  : "—",
              ],
              [
                "Fresh until",
                evidence.expiresAt ? formatDateTime(evidence.expiresAt) : "no control sets a freshness window for it",
              ],
              ["Added by", evidence.addedBy.label],
            ]}
          />
        </section>
        <section className="card">
          <h3>Source</h3>
          <KeyValues items={source} />
          {evidence.sha256 ? (
            <p className="small">
              <a
                href={`/api/v1/projects/${slug}/evidence/${evidence.id}/original`}
                download
                data-testid="download-original"
              >
                Download the original{evidence.originalName ? ` (${evidence.originalName})` : ""}
              </a>{" "}
              · {evidence.byteSize !== null ? `${formatNumber(evidence.byteSize)} bytes` : ""} · sha256{" "}
              <span className="mono">{evidence.sha256.slice(0, 16)}…</span>
            </p>
          ) : null}
          {evidence.exercise ? (
            <p className="small">
              Recorded as a {evidence.exercise.outcome.toLowerCase()} exercise of runbook{" "}
              <Link href={`/projects/${slug}/runbooks`}>{evidence.exercise.runbook.title}</Link>.
            </p>
          ) : null}
          {evidence.auditEvents !== null ? (
            <p className="small">{formatNumber(evidence.auditEvents)} audit events kept from this log.</p>
          ) : null}
        </section>
      </div>
      <section className="stack">
        <h3>Filed under</h3>
        <EvidenceControls
          slug={slug}
          evidenceId={evidence.id}
          filings={evidence.controls}
          options={options}
          canEdit={can(ctx.actor, "evidence:write")}
        />
      </section>
      <section className="stack">
        <h3>Summary</h3>
        <EvidenceSummary kind={evidence.kind} summary={summary} />
      </section>
    </div>
  );
}
