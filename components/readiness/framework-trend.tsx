"use client";
import { ErrorMessage } from "@/components/ui/error-message";
import { ChangeText } from "@/components/readiness/score-text";
import { TrendChart } from "@/components/readiness/trend-chart";
import { useReadinessCards } from "@/components/dashboard/use-readiness-cards";

/** The last 90 days of one project x framework, from the recorded snapshots. */
export function FrameworkTrend({ slug, framework }: { slug: string; framework: string }) {
  const q = useReadinessCards(slug);
  if (q.error) return <ErrorMessage error={q.error} />;
  if (q.isPending) return <p className="muted">Loading the trend…</p>;
  const card = q.data.cards.find((c) => c.framework.key === framework);
  if (!card) return <p className="muted">No trend for this framework yet.</p>;
  return (
    <div className="stack">
      <ChangeText change={card.change} since={card.lastWeek?.day} />
      <TrendChart
        points={card.trend}
        large
        label={`${card.project.name} ${card.framework.name} readiness, last 90 days`}
      />
      {card.trend.length < 2 ? (
        <p className="small muted">
          One point so far: a snapshot is recorded every day at 00:15 UTC, or now with &ldquo;Record today&rsquo;s
          readiness&rdquo;.
        </p>
      ) : null}
    </div>
  );
}
