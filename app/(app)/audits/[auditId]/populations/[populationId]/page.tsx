import { requirePermission } from "@/lib/auth/session";
import { requestNow } from "@/lib/clock";
import { auditForPage } from "@/components/audits/audit-for-page";
import { PopulationMembers } from "@/components/audits/population-members";

export default async function PopulationPage({
  params,
}: {
  params: Promise<{ auditId: string; populationId: string }>;
}) {
  const { auditId, populationId } = await params;
  const ctx = await requirePermission("population:read");
  const audit = await auditForPage(ctx, auditId, await requestNow());
  if (!audit) return null;
  return <PopulationMembers auditId={audit.id} populationId={populationId} />;
}
