import Link from "next/link";
import { links } from "@/lib/readiness/links";
import { ReadinessCards } from "@/components/dashboard/readiness-cards";
import { HoldbacksCard } from "@/components/dashboard/holdbacks-list";
import { BlockerMatrix } from "@/components/dashboard/blocker-matrix";
import { UpcomingList } from "@/components/dashboard/upcoming-list";
import { Card } from "@/components/ui/card";

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
        <HoldbacksCard titleId="dash-holdbacks" />
        <Card title="Coming up in the next 30 days" titleId="dash-upcoming">
          <h3>Evidence expiring</h3>
          <UpcomingList type="evidence" />
          <h3 style={{ marginTop: "1rem" }}>Runbook exercises due</h3>
          <UpcomingList type="exercise" />
        </Card>
      </div>
      <Card title="Open backlog by block and priority" titleId="dash-blockers">
        <BlockerMatrix />
      </Card>
    </div>
  );
}
