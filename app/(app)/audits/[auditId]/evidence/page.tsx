import { requirePermission } from "@/lib/auth/session";
import { requestNow } from "@/lib/clock";
import { auditForPage } from "@/components/audits/audit-for-page";
import { AuditEvidenceTable } from "@/components/audits/audit-evidence-table";

export default async function AuditEvidencePage({ params }: { params: Promise<{ auditId: string }> }) {
  const { auditId } = await params;
  const ctx = await requirePermission("evidence:read");
  const audit = await auditForPage(ctx, auditId, await requestNow());
  if (!audit) return null;
  return <AuditEvidenceTable auditId={audit.id} projects={audit.projects} />;
}
