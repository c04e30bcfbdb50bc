import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { InvalidInputError } from "@/lib/errors";
import { formatDateTime, countOf } from "@/lib/format";
import { resolveAsOf } from "@/lib/readiness/as-of";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { links } from "@/lib/readiness/links";
import { ScoreText } from "@/components/readiness/score-text";
import { FamilyBars } from "@/components/readiness/family-bars";
import { RequirementTree } from "@/components/readiness/requirement-tree";
import { AsOfForm } from "@/components/readiness/as-of-form";
import { SnapshotButton } from "@/components/readiness/snapshot-button";
import { FrameworkTrend } from "@/components/readiness/framework-trend";
import { StateLabel } from "@/components/readiness/state-label";
import { orNotFound } from "@/lib/core/page-data";

export const metadata: Metadata = { title: "Readiness scorecard" };

type Props = {
  params: Promise<{ slug: string; framework: string }>;
  searchParams: Promise<{ at?: string | string[] }>;
};

export default async function ScorecardPage({ params, searchParams }: Props) {
  const { slug, framework } = await params;
  const { at: atParam } = await searchParams;
  const ctx = await requirePermission("readiness:read");
  const now = await requestNow();
  const asked = typeof atParam === "string" ? atParam : undefined;
  let askedAt = now;
  let dateError: string | null = null;
  try {
    askedAt = resolveAsOf(asked, now, "at");
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    dateError = `${err.message} Showing readiness as of now instead.`;
  }
  const computed = await orNotFound(
    computeReadiness({ ctx, slug, at: askedAt, now, frameworkKeys: [framework] }),
    InvalidInputError,
  );
  // The moment actually computed for: an auditor's is clamped into their audit's window.
  const at = computed.result.at;
  const fw = computed.result.frameworks[0];
  const today = now.toISOString().slice(0, 10);
  const day = at.toISOString().slice(0, 10);
  const past = at.getTime() < now.getTime();
  const base = links.scorecard(slug, framework);
  const unmet = fw.requirements.filter((r) => r.status === "unmet");
  const exportHref = `/api/v1/projects/${slug}/readiness/export?framework=${framework}${past ? `&at=${day}` : ""}`;

  return (
    <div className="stack" data-testid="scorecard">
      <div
        className="row"
        style={{ justifyContent: "space-between", alignItems: "flex-start", flexWrap: "wrap", gap: "1rem" }}
      >
        <div>
          <h2 style={{ marginBottom: "0.2rem" }}>{fw.name} readiness</h2>
          <ScoreText score={fw.score} met={fw.met} applicable={fw.applicable} testId="scorecard-score" />
          <p className="small muted" data-testid="scorecard-as-of">
            {past
              ? `As of ${formatDateTime(at)} (a past date: only evidence, items and exercises that existed then).`
              : `As of now, ${formatDateTime(at)}.`}{" "}
            {computed.view
              ? `You see readiness inside your audit's window (${formatDateTime(computed.view.window.start)} to ${formatDateTime(computed.view.window.end)}), from the evidence and exercises inside it. `
              : null}
            <Link href={links.how()}>How this is computed</Link>
          </p>
        </div>
        <div className="stack" style={{ alignItems: "flex-end" }}>
          <AsOfForm value={day} max={today} action={base} />
          <div className="row" style={{ gap: "0.5rem" }}>
            <a className="btn" href={exportHref} download data-testid="csv-export">
              Export CSV
            </a>
            {can(ctx.actor, "readiness:snapshot") && !past ? <SnapshotButton slug={slug} /> : null}
          </div>
        </div>
      </div>
      {dateError ? (
        <div className="alert alert-error" role="alert">
          {dateError}
        </div>
      ) : null}

      <div className="grid grid-2">
        <section className="card" aria-labelledby="sc-families">
          <h3 id="sc-families">By family</h3>
          <FamilyBars
            families={fw.families}
            hrefOf={(refId) =>
              `${links.scorecard(slug, framework, past ? day : undefined)}#req-${encodeURIComponent(refId)}`
            }
          />
          <p className="small muted" style={{ marginTop: "0.75rem" }}>
            Controls:{" "}
            {(["passing", "failing", "stale", "not_applicable"] as const).map((state) =>
              past ? (
                <span key={state} style={{ marginRight: "0.5rem" }}>
                  <StateLabel state={state} /> {fw.controlCounts[state]}
                </span>
              ) : (
                <Link
                  key={state}
                  href={links.readinessControls(slug, { state, framework })}
                  style={{ marginRight: "0.5rem" }}
                >
                  <StateLabel state={state} /> {fw.controlCounts[state]}
                </Link>
              ),
            )}
          </p>
        </section>
        <section className="card" aria-labelledby="sc-trend">
          <h3 id="sc-trend">Last 90 days</h3>
          <FrameworkTrend slug={slug} framework={framework} />
        </section>
      </div>

      <section className="card" aria-labelledby="unmet">
        <h3 id="unmet">{countOf(unmet.length, "requirement")} not met</h3>
        {unmet.length === 0 ? (
          <p className="muted">Every applicable requirement is met{past ? " on this date" : ""}.</p>
        ) : (
          <p className="small muted">
            Open a red row below to see which control holds it back and why, with a link to the run, item or drill
            behind it.
          </p>
        )}
        <RequirementTree slug={slug} framework={fw} controls={computed.result.controls} at={at} />
      </section>
    </div>
  );
}
