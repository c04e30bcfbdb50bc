import Link from "next/link";
import { links } from "@/lib/readiness/links";
import { ReadinessCards } from "@/components/dashboard/readiness-cards";
import { HoldbacksList } from "@/components/dashboard/holdbacks-list";
import { BlockerMatrix } from "@/components/dashboard/blocker-matrix";
import { UpcomingList } from "@/components/dashboard/upcoming-list";

// Each widget fetches its own data (TanStack Query) and shows its own loading line, so the page is
// usable at once and a slow widget holds up nothing else. No <Suspense> around them: useQuery does
// not suspend, so its fallback would never show.
export function LeadDashboard() {
  return (
    <div className="stack" data-testid="lead-dashboard">
      <section aria-labelledby="dash-readiness">
        <h2 id="dash-readiness">Readiness by project and framework</h2>
        <p className="small muted">
          Requirements met out of those that apply, today and over the last 90 days.{" "}
          <Link href={links.how()}>How readiness is computed</Link>
        </p>
        <ReadinessCards />
      </section>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="dash-holdbacks">
          <h2 id="dash-holdbacks">What holds readiness back</h2>
          <HoldbacksList />
        </section>
        <section className="card" aria-labelledby="dash-upcoming">
          <h2 id="dash-upcoming">Coming up in the next 30 days</h2>
          <h3>Evidence expiring</h3>
          <UpcomingList type="evidence" />
          <h3 style={{ marginTop: "1rem" }}>Runbook exercises due</h3>
          <UpcomingList type="exercise" />
        </section>
      </div>
      <section className="card" aria-labelledby="dash-blockers">
        <h2 id="dash-blockers">Open backlog by block and priority</h2>
        <BlockerMatrix />
      </section>
    </div>
  );
}
