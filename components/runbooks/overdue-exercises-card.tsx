import Link from "next/link";
import type { RequestCtx } from "@/lib/auth/actor";
import { formatDate } from "@/lib/format";
import { overdueExercises } from "@/lib/runbooks/overdue-exercises";
import { ScheduleBadge } from "@/components/runbooks/schedule-badge";

/** For a project's overview: runbook exercises that are overdue or due within two weeks. */
export async function OverdueExercisesCard({
  ctx,
  projectId,
  slug,
  now,
}: {
  ctx: RequestCtx;
  projectId: string;
  slug: string;
  now: Date;
}) {
  const data = await overdueExercises({ ctx, projectId, now });
  if (!data || data.scheduled === 0) return null;
  return (
    <section className="card" aria-labelledby="exercises-due-title" data-testid="overview-exercises">
      <h2 id="exercises-due-title">Runbook exercises</h2>
      {data.attention.length === 0 ? (
        <p className="muted">All {data.scheduled} scheduled runbooks have been exercised on time.</p>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {data.attention.map((r) => (
            <li key={r.id} className="row">
              <ScheduleBadge schedule={r.schedule} />
              <Link href={`/projects/${slug}/runbooks/${r.id}`}>{r.title}</Link>
              <span className="muted small">
                due {formatDate(r.schedule.dueAt)}
                {r.owner ? `, owner ${r.owner}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
