import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { getRequest } from "@/lib/audits/get-request";
import { requestOwnerOptions } from "@/lib/audits/audit-form-options";
import { PageHeader } from "@/components/ui/page-header";
import { orNullWhenRefused } from "@/lib/core/page-data";
import { RequestDetail } from "@/components/audits/request-detail";

export default async function AuditRequestPage({
  params,
}: {
  params: Promise<{ auditId: string; requestId: string }>;
}) {
  const { auditId, requestId } = await params;
  const ctx = await requirePermission("request:read");
  const now = await requestNow();
  // Checked on the server first: 404 for anyone who cannot see this request.
  const request = await orNullWhenRefused(getRequest({ ctx, auditId, requestId, now }));
  if (!request) return null;
  const owners = can(ctx.actor, "audit:manage") ? await requestOwnerOptions({ ctx }) : null;
  const seesAudit = can(ctx.actor, "audit:read");
  return (
    <>
      {seesAudit ? null : (
        <PageHeader
          breadcrumbs={[{ href: "/audits", label: "Audits" }]}
          title="Evidence request"
          description={`For the audit "${request.audit.name}".`}
        />
      )}
      <RequestDetail auditId={auditId} requestId={requestId} owners={owners} />
    </>
  );
}
