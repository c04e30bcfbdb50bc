import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { eventControlOptions } from "@/lib/audits/audit-form-options";
import { auditForPage } from "@/components/audits/audit-for-page";
import { PopulationsPanel } from "@/components/audits/populations-panel";
import { PopulationForm } from "@/components/audits/population-form";

export default async function AuditPopulationsPage({ params }: { params: Promise<{ auditId: string }> }) {
  const { auditId } = await params;
  const ctx = await requirePermission("population:read");
  const now = await requestNow();
  const audit = await auditForPage(ctx, auditId, now);
  if (!audit) return null;
  const canCreate = can(ctx.actor, "population:create") && audit.status !== "CLOSED";
  const period = audit.type === "TYPE_II";
  return (
    <div className="stack">
      {period ? null : (
        <div className="alert alert-info" role="status">
          This is a Type I audit: it looks at one moment, so there are no populations to sample. Populations need an
          observation period (Type II).
        </div>
      )}
      <PopulationsPanel auditId={audit.id} canSample={canCreate && period} />
      {canCreate && period ? (
        <PopulationForm auditId={audit.id} controls={await eventControlOptions({ ctx, auditId, now })} />
      ) : null}
    </div>
  );
}
