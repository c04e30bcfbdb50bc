import { OpenBlockersList } from "@/components/dashboard/open-blockers-list";
import { HoldbacksCard } from "@/components/dashboard/holdbacks-list";
import { UpcomingList } from "@/components/dashboard/upcoming-list";
import { Card } from "@/components/ui/card";

/** An engineer's home: the blockers they own, every open blocker, and what holds readiness back. */
export function EngineerHome() {
  return (
    <div className="stack" data-testid="engineer-home">
      <div className="grid grid-2">
        <Card title="Blockers assigned to you" titleId="eng-mine">
          <OpenBlockersList mine />
        </Card>
        <Card title="All open blockers" titleId="eng-all">
          <OpenBlockersList mine={false} />
        </Card>
      </div>
      <div className="grid grid-2">
        <HoldbacksCard titleId="eng-holdbacks" />
        <Card title="Runbook exercises due" titleId="eng-due">
          <UpcomingList type="exercise" />
        </Card>
      </div>
    </div>
  );
}
