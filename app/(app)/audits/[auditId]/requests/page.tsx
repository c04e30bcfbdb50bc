import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { requestTargetOptions } from "@/lib/audits/audit-form-options";
import { auditForPage } from "@/components/audits/audit-for-page";
import { RequestsList } from "@/components/audits/requests-list";
import { RaiseRequestForm } from "@/components/audits/raise-request-form";

export default async function AuditRequestsPage({ params }: { params: Promise<{ auditId: string }> }) {
  const { auditId } = await params;
  const ctx = await requirePermission("audit:read");
  const now = await requestNow();
  const audit = await auditForPage(ctx, auditId, now);
  if (!audit) return null;
  const canRaise = can(ctx.actor, "request:raise") && audit.status !== "CLOSED";
  const targets = canRaise ? await requestTargetOptions({ ctx, auditId, now }) : null;
  return (
    <div className="stack">
      <RequestsList auditId={audit.id} canRaise={canRaise} />
      {targets ? <RaiseRequestForm auditId={audit.id} targets={targets} /> : null}
    </div>
  );
}
