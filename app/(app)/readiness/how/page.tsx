import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { evaluateReadiness } from "@/lib/readiness/evaluate";
import { describeReason } from "@/lib/readiness/describe-reason";
import { rankHoldbacks } from "@/lib/readiness/holdbacks";
import { kindLabel } from "@/lib/readiness/evaluate-control";
import { EXAMPLE_AT, EXAMPLE_FACTS } from "@/lib/readiness/worked-example";
import { formatDate, formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { StateLabel } from "@/components/readiness/state-label";
import { percent } from "@/components/readiness/score-text";
import styles from "@/components/readiness/readiness.module.css";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "How readiness is computed" };

export default async function HowReadinessPage() {
  await requirePermission("readiness:read");
  // The example is scored by the same code as every project, so what this page shows is what the rule does.
  const result = evaluateReadiness(EXAMPLE_FACTS);
  const fw = result.frameworks[0];
  const facts = new Map(EXAMPLE_FACTS.controls.map((c) => [c.id, c]));
  return (
    <div className="stack" style={{ maxWidth: "80ch" }} data-testid="how-readiness">
      <PageHeader
        title="How readiness is computed"
        description="One rule, used by every page, export, packet, snapshot and CI gate in Proofline."
      />

      <section>
        <h2>1. Each control gets a state</h2>
        <p>
          For a project at a moment T, each control mapped to one of its frameworks is, in this order of precedence:
        </p>
        <ul>
          <li>
            <StateLabel state="not_applicable" /> when the project marked it so, with a justification. Nothing else is
            looked at.
          </li>
          <li>
            <StateLabel state="failing" /> when the newest evidence of a kind it expects failed (even if that evidence
            has since expired: nothing newer replaced it), when an open backlog item of priority Blocker is linked to
            it, when the last exercise of a linked runbook failed, only partly succeeded, or missed its RTO or RPO
            target, or when a GitHub security alert of a kind it expects (Dependabot: dependency audits; code and secret
            scanning: code scans) is open past the project&rsquo;s remediation deadline for its severity.
          </li>
          <li>
            <StateLabel state="stale" /> when a kind it expects has no evidence yet, or its newest evidence is too old:
            evidence is fresh until exactly its effective time plus the kind&rsquo;s freshness in days, and stale from
            that instant. Also stale when a linked runbook&rsquo;s next exercise is overdue (its cadence after the last
            exercise, or after the runbook was created if never exercised), or when nothing can prove the control (no
            expected evidence, and no linked runbook that is scheduled or has been exercised).
          </li>
          <li>
            <StateLabel state="passing" /> otherwise. Evidence with warnings counts as passing and leaves a note.
          </li>
        </ul>
      </section>

      <section>
        <h2>2. Each requirement is met or not</h2>
        <p>
          A requirement is scored when it is current and assessable and no current assessable requirement sits anywhere
          beneath it; every other one is a group. A scored requirement is decided by the controls mapped to it and to
          every requirement above it (a group, a family or a category, even a retired one), so a control mapped to a
          group decides each of its points. A scored requirement is:
        </p>
        <ul>
          <li>
            <StateLabel state="not_applicable" /> when it (or a parent) is not applicable by default for teams like
            ours, or when every control deciding it is marked not applicable for the project. It is left out of the
            score.
          </li>
          <li>
            <StateLabel state="met" /> when at least one applicable control decides it and every applicable one is
            passing.
          </li>
          <li>
            <StateLabel state="unmet" /> otherwise, including when no control is mapped to it or above it yet.
          </li>
        </ul>
        <p>
          <strong>Readiness = requirements met ÷ requirements that apply</strong>, per framework and per family (a
          requirement&rsquo;s family is its top-most family-level ancestor, or else its top-most category; one with
          neither counts in the framework&rsquo;s score under &ldquo;Not in a family&rdquo;).
        </p>
      </section>

      <section>
        <h2>3. As of a past date</h2>
        <p>
          Readiness as of T uses only evidence both effective and received by T, backlog items as they stood at T
          (created by then and not yet closed), and the newest runbook exercise performed by T. The same data and the
          same moment always give the same result. A date means the end of that day in UTC: its last millisecond,
          23:59:59.999.
        </p>
        <p>
          The yardstick is today&rsquo;s: the catalogue, the mappings between controls and requirements, which controls
          are not applicable, the kinds of evidence each control expects and their freshness, and the links between
          controls, runbooks and backlog items are used as they are now, because their past versions are not kept (their
          changes are in the <Link href="/activity">activity trail</Link>). A backlog item&rsquo;s priority is likewise
          its current one. The daily snapshots keep the figures as they were computed at the time, so the trend shows
          what was known then.
        </p>
      </section>

      <section className={styles.example} aria-labelledby="example">
        <h2 id="example">Worked example</h2>
        <p>An excerpt of SOC 2 with seven controls, computed as of {formatDateTime(EXAMPLE_AT)}:</p>
        <DataTable testId="example-controls" columns={["Control", "Facts", "State and why"]}>
          {result.controls.map((c) => {
            const f = facts.get(c.id)!;
            const lines = [
              ...f.expectations.map((e) =>
                e.latest
                  ? `expects a ${kindLabel(e.kind)} every ${e.freshnessDays} days; newest: ${e.latest.title}, ${e.latest.outcome}, ${formatDate(e.latest.effectiveAt)}`
                  : `expects a ${kindLabel(e.kind)} every ${e.freshnessDays} days; none yet`,
              ),
              ...f.runbooks.map(
                (r) =>
                  `runbook "${r.title}" every ${r.cadenceDays} days; last exercised ${formatDate(r.lastExercise?.performedAt)}`,
              ),
              ...f.blockers.map((b) => `blocker ${b.key} open since ${formatDate(b.createdAt)}`),
              ...(f.notApplicable ? [`marked not applicable: ${f.justification}`] : []),
            ];
            return (
              <tr key={c.id}>
                <td>
                  <strong>{c.key}</strong> {c.title}
                </td>
                <td className="small">{lines.join("; ")}</td>
                <td>
                  <StateLabel state={c.state} />{" "}
                  <span className="small">{c.reasons.map((r) => describeReason(r, EXAMPLE_AT)).join("; ")}</span>
                </td>
              </tr>
            );
          })}
        </DataTable>
        <div className="table-wrap" style={{ marginTop: "1rem" }}>
          <table data-testid="example-requirements">
            <thead>
              <tr>
                <th scope="col">Requirement</th>
                <th scope="col">Decided by</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {fw.requirements.map((r) => (
                <tr key={r.id}>
                  <td style={{ paddingLeft: `${0.6 + r.depth}rem` }}>
                    <strong>{r.refId}</strong> {r.title}
                  </td>
                  <td className="small">
                    {r.status === "group" ? `${r.met} of ${r.applicable} met` : r.controlIds.join(", ") || "—"}
                  </td>
                  <td>{r.status === "group" ? null : <StateLabel state={r.status} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p style={{ marginTop: "1rem" }} data-testid="example-score">
          CC6.4 and A1.2 do not apply, leaving four requirements. Only CC6.1 is met, so readiness is {fw.met} ÷{" "}
          {fw.applicable} = <strong>{percent(fw.score)}</strong>. By family:{" "}
          {fw.families.map((f) => `${f.refId} ${f.met} of ${f.applicable}`).join(", ")}.
        </p>
        <p>What holds it back, ranked by how many requirements each cause keeps unmet (ties: failing before stale):</p>
        <ol>
          {rankHoldbacks(result).map((h) => (
            <li key={h.causeKey}>{h.sentence}</li>
          ))}
        </ol>
      </section>

      <p>
        The same rule is written down in <code>docs/readiness.md</code>, with the CI gate that fails a pipeline when
        readiness drops.
      </p>
    </div>
  );
}
