"use client";
import Link from "next/link";
import { ErrorMessage } from "@/components/ui/error-message";
import { ChangeText, ScoreText } from "@/components/readiness/score-text";
import { TrendChart } from "@/components/readiness/trend-chart";
import { links } from "@/lib/readiness/links";
import { countOf, formatDateTime } from "@/lib/format";
import { useReadinessCards } from "@/components/dashboard/use-readiness-cards";
import styles from "@/components/readiness/readiness.module.css";

/** Readiness per project x framework: today's score, the change since last week and the 90-day trend. */
export function ReadinessCards({ project }: { project?: string }) {
  const q = useReadinessCards(project);
  if (q.error) return <ErrorMessage error={q.error} />;
  if (q.isPending)
    return (
      <p className="muted" data-testid="cards-loading">
        Computing readiness for each project…
      </p>
    );
  if (!q.data.cards.length) {
    return (
      <div className="empty" data-testid="cards-empty">
        <h2>No readiness to show yet</h2>
        <p>
          Readiness appears per project and framework once a project is assessed against a framework. Open a project,
          then choose its frameworks under Controls.
        </p>
        <Link className="btn" href="/projects">
          Open projects
        </Link>
      </div>
    );
  }
  return (
    <div className="stack">
      <p className="small muted">As of {formatDateTime(q.data.asOf)}.</p>
      <div className="grid grid-2" data-testid="readiness-cards">
        {q.data.cards.map((c) => {
          const scorecard = links.scorecard(c.project.slug, c.framework.key);
          return (
            <section
              key={`${c.project.slug}/${c.framework.key}`}
              className="card"
              data-testid="readiness-card"
              aria-label={`${c.project.name}, ${c.framework.name}`}
            >
              <div className={styles.cardHead}>
                <div>
                  <h3 style={{ marginBottom: 0 }}>
                    <Link href={links.project(c.project.slug)}>{c.project.name}</Link>
                  </h3>
                  <span className="muted small">{c.framework.name}</span>
                </div>
                <ChangeText change={c.change} since={c.lastWeek?.day} />
              </div>
              {/* The link's name starts with the score it shows, then says whose scorecard it opens (WCAG 2.5.3). */}
              <Link href={scorecard} data-testid="card-scorecard-link">
                <ScoreText score={c.score} met={c.met} applicable={c.applicable} testId="card-score" />
                <span className="sr-only">{` ${c.framework.name} scorecard of ${c.project.name}`}</span>
              </Link>
              <div className={styles.figures}>
                <Link href={`${scorecard}#unmet`}>{c.unmet} not met</Link>
                <Link href={links.readinessControls(c.project.slug, { state: "failing", framework: c.framework.key })}>
                  {countOf(c.controlCounts.failing, "control")} failing
                </Link>
                <Link href={links.readinessControls(c.project.slug, { state: "stale", framework: c.framework.key })}>
                  {c.controlCounts.stale} stale
                </Link>
              </div>
              <TrendChart points={c.trend} label={`${c.project.name} ${c.framework.name} readiness, last 90 days`} />
            </section>
          );
        })}
      </div>
    </div>
  );
}
