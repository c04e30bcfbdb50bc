import { OpenBlockersList } from "@/components/dashboard/open-blockers-list";
import { HoldbacksList } from "@/components/dashboard/holdbacks-list";
import { UpcomingList } from "@/components/dashboard/upcoming-list";

/** An engineer's home: the blockers they own, every open blocker, and what holds readiness back. */
export function EngineerHome() {
  return (
    <div className="stack" data-testid="engineer-home">
      <div className="grid grid-2">
        <section className="card" aria-labelledby="eng-mine">
          <h2 id="eng-mine">Blockers assigned to you</h2>
          <OpenBlockersList mine />
        </section>
        <section className="card" aria-labelledby="eng-all">
          <h2 id="eng-all">All open blockers</h2>
          <OpenBlockersList mine={false} />
        </section>
      </div>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="eng-holdbacks">
          <h2 id="eng-holdbacks">What holds readiness back</h2>
          <HoldbacksList />
        </section>
        <section className="card" aria-labelledby="eng-due">
          <h2 id="eng-due">Runbook exercises due</h2>
          <UpcomingList type="exercise" />
        </section>
      </div>
    </div>
  );
}
