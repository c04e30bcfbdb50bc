import Link from "next/link";
import type { RequestCtx } from "@/lib/auth/actor";
import { listAudits } from "@/lib/audits/list-audits";
import { formatDate, countOf } from "@/lib/format";
import { links } from "@/lib/readiness/links";
import { EmptyState } from "@/components/ui/empty-state";

/** An auditor's home: the audits they hold a live grant for, each with its window and open requests. */
export async function AuditorHome({ ctx, now }: { ctx: RequestCtx; now: Date }) {
  const audits = await listAudits({ ctx, now, limit: 20 });
  if (!audits.items.length) {
    return (
      <EmptyState title="No audit is open to you yet" testId="auditor-home-empty">
        <p>
          When a compliance lead grants you access to an audit, it appears here with its observation window, the
          projects in scope and the requests you have raised.
        </p>
      </EmptyState>
    );
  }
  return (
    <section className="stack" data-testid="auditor-home">
      <h2>Your audits</h2>
      <ul className="card-list" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {audits.items.map((a) => (
          <li key={a.id} className="card">
            <h3>
              <Link href={links.audit(a.id)}>{a.name}</Link>
            </h3>
            <p className="small muted">
              {a.framework.name} ·{" "}
              {a.windowStart.getTime() === a.windowEnd.getTime()
                ? `as of ${formatDate(a.windowEnd)}`
                : `${formatDate(a.windowStart)} to ${formatDate(a.windowEnd)}`}{" "}
              · {a.projects.map((p) => p.name).join(", ")}
            </p>
            <p className="small">{countOf(a.openRequests, "open request")}</p>
          </li>
        ))}
      </ul>
      <p>
        <Link href={links.audits()}>All your audits</Link>
      </p>
    </section>
  );
}
