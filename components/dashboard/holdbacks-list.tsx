"use client";
import Link from "next/link";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { StateLabel } from "@/components/readiness/state-label";
import { links } from "@/lib/readiness/links";
import type { DashboardHoldbackDto } from "@/lib/dto/dashboard";
import { useHoldbacks } from "@/components/dashboard/use-holdbacks";
import { countOf } from "@/lib/format";
import { Card } from "@/components/ui/card";

function Cause({ h }: { h: DashboardHoldbackDto }) {
  return (
    <li style={{ marginBottom: "0.5rem" }} data-testid="holdback">
      <StateLabel state={h.severity} /> <Link href={h.href}>{h.sentence}</Link>
      <div className="small muted">
        <Link href={h.controls.href}>{countOf(h.controls.count, "control")}</Link>
        {h.requirements.length ? " · holds back " : ""}
        {h.requirements.map((r, j) => (
          <span key={`${r.framework}/${r.refId}`}>
            {j > 0 ? ", " : ""}
            <Link href={r.href}>{r.refId}</Link>
          </span>
        ))}
      </div>
    </li>
  );
}

/**
 * What holds readiness back, per project, ranked: failing causes first, then by how many requirements
 * each keeps unmet. On the dashboard the first three per project; on a project page, more on request.
 */
export function HoldbacksList({ project, perProject = 3 }: { project?: string; perProject?: number }) {
  const [limit, setLimit] = useState(perProject);
  const q = useHoldbacks(project, limit);
  if (q.error) return <ErrorMessage error={q.error} />;
  if (q.isPending) return <p className="muted">Finding what holds readiness back…</p>;
  const groups = q.data.projects.filter((g) => g.items.length);
  if (!groups.length) {
    return (
      <p className="muted" data-testid="holdbacks-empty">
        Nothing holds readiness back: every applicable control is passing. Failing runs, expired evidence, open blockers
        and overdue drills will be listed here.
      </p>
    );
  }
  return (
    <div className="stack" data-testid="holdbacks">
      {groups.map((g) => (
        <div key={g.project.slug}>
          {project ? null : (
            <h3 style={{ marginBottom: "0.3rem" }}>
              <Link href={links.project(g.project.slug)}>{g.project.name}</Link>
            </h3>
          )}
          <ol style={{ paddingLeft: "1.2rem", margin: 0 }}>
            {g.items.map((h, i) => (
              <Cause key={i} h={h} />
            ))}
          </ol>
          {g.total > g.items.length ? (
            project ? (
              <button
                className="btn btn-small"
                type="button"
                onClick={() => setLimit((l) => Math.min(50, l + 8))}
                disabled={q.isFetching}
              >
                {q.isFetching ? "Loading…" : `Show more (${g.total - g.items.length} more)`}
              </button>
            ) : (
              <Link className="small" href={links.project(g.project.slug)}>
                {g.total - g.items.length} more in {g.project.name}
              </Link>
            )
          ) : null}
        </div>
      ))}
    </div>
  );
}

/** The "What holds readiness back" card of the dashboards and of a project's overview. */
export function HoldbacksCard({ titleId, ...list }: { titleId: string; project?: string; perProject?: number }) {
  return (
    <Card title="What holds readiness back" titleId={titleId}>
      <HoldbacksList {...list} />
    </Card>
  );
}
