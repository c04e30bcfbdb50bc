import type { ReactNode } from "react";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { formatDate } from "@/lib/format";
import { orRefused } from "@/lib/core/page-data";
import { getAudit } from "@/lib/audits/get-audit";
import { isAuditorActor } from "@/lib/core/access/auditor-scope";
import { Badge } from "@/components/ui/badge";
import { SectionLayout } from "@/components/shell/section-layout";
import { AUDIT_STATUS, windowLabel } from "@/components/audits/labels";

export default async function AuditLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ auditId: string }>;
}) {
  const { auditId } = await params;
  const ctx = await requirePermission("request:read");
  // Owners of a request who cannot open the whole audit (engineers) reach only their request pages.
  if (!isAuditorActor(ctx.actor) && !can(ctx.actor, "audit:read")) return <>{children}</>;
  const audit = await orRefused(getAudit({ ctx, auditId, now: await requestNow() }));
  if ("refused" in audit) {
    return (
      <div className="empty" data-testid="audit-access-ended">
        <h1>No access to this audit</h1>
        <p>{audit.refused}</p>
      </div>
    );
  }
  const base = `/audits/${audit.id}`;
  const tabs = [
    { href: base, label: "Overview", exact: true },
    { href: `${base}/requests`, label: "Requests" },
    { href: `${base}/evidence`, label: "Evidence" },
    { href: `${base}/populations`, label: "Populations" },
    { href: `${base}/packet`, label: "Packet" },
  ];
  return (
    <SectionLayout
      parent={{ href: "/audits", label: "Audits" }}
      name={audit.name}
      nameTestId="audit-name"
      badge={<Badge tone={AUDIT_STATUS[audit.status].tone}>{AUDIT_STATUS[audit.status].label}</Badge>}
      description={`${audit.framework.name} · ${audit.type === "TYPE_I" ? "Type I" : "Type II"} · window ${windowLabel(audit.windowStart, audit.windowEnd, formatDate)} · ${audit.projects.map((p) => p.name).join(", ")}`}
      tabsLabel="Audit sections"
      tabs={tabs}
    >
      {children}
    </SectionLayout>
  );
}
