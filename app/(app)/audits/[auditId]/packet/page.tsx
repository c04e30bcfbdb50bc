import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { publicKeyInfo } from "@/lib/packets/signing-key";
import { auditForPage } from "@/components/audits/audit-for-page";
import { PacketPanel } from "@/components/packets/packet-panel";
import { SigningKeyCard } from "@/components/packets/signing-key-card";

export default async function AuditPacketPage({ params }: { params: Promise<{ auditId: string }> }) {
  const { auditId } = await params;
  const ctx = await requirePermission("packet:read");
  const audit = await auditForPage(ctx, auditId, await requestNow());
  if (!audit) return null;
  const key = publicKeyInfo();
  return (
    <div className="stack">
      <PacketPanel auditId={audit.id} canBuild={can(ctx.actor, "packet:build")} />
      <SigningKeyCard fingerprint={key.fingerprint} pem={key.pem} />
    </div>
  );
}
