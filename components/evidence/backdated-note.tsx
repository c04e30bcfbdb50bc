import { formatDate } from "@/lib/format";
import type { LateForAudit } from "@/lib/audits/backdating";
import { DAY_MS } from "@/lib/core/time";

/** Says that evidence dated into an audit window was collected only after that window had closed. */
export function BackdatedNote({ late, collectedAt }: { late: LateForAudit[]; collectedAt: Date }) {
  if (!late.length) return null;
  return (
    <div className="alert alert-warn" role="note" data-testid="evidence-backdated">
      <strong>Collected after its audit window closed.</strong> It is dated into{" "}
      {late
        .map((l) => {
          const days = Math.ceil((collectedAt.getTime() - l.windowEnd.getTime()) / DAY_MS);
          return `${l.audit ? `the window of “${l.audit}”` : "an audit window"} (closed ${formatDate(l.windowEnd)}, ${days} day${days === 1 ? "" : "s"} before it was collected)`;
        })
        .join("; ")}
      . Whoever pushed it chose its effective time; Proofline recorded when it arrived.
    </div>
  );
}
