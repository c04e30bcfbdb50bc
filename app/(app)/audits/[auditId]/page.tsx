import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { requestNow } from "@/lib/clock";
import { formatDate } from "@/lib/format";
import { auditForPage } from "@/components/audits/audit-for-page";
import { auditPlanningOptions } from "@/lib/audits/audit-form-options";
import { grantedAudits } from "@/lib/core/access/auditor-scope";
import { KeyValues } from "@/components/ui/key-values";
import { GrantsPanel } from "@/components/audits/grants-panel";
import { AuditStatusForm } from "@/components/audits/audit-status-form";
import { REQUEST_STATUS, windowLabel } from "@/components/audits/labels";

export default async function AuditOverviewPage({ params }: { params: Promise<{ auditId: string }> }) {
  const { auditId } = await params;
  const ctx = await requirePermission("audit:read");
  const now = await requestNow();
  const audit = await auditForPage(ctx, auditId, now);
  if (!audit) return null;
  const options = audit.canManage ? await auditPlanningOptions({ ctx, now }) : null;
  const mine = audit.viaGrant ? (await grantedAudits(ctx.user.id, now)).find((g) => g.auditId === audit.id) : undefined;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="scope-title">
        <h2 id="scope-title">Scope</h2>
        <KeyValues
          items={[
            ["Framework", `${audit.framework.name} (${audit.framework.version})`],
            ["Observation window", `${windowLabel(audit.windowStart, audit.windowEnd, formatDate)} (UTC)`],
            ["Lead", `${audit.lead.name} (${audit.lead.email})`],
            [
              "Projects",
              audit.projects.map((p, i) => (
                <span key={p.slug}>
                  {i ? ", " : ""}
                  <Link href={`/projects/${p.slug}`}>{p.name}</Link>
                </span>
              )),
            ],
            [
              "Requests",
              Object.entries(REQUEST_STATUS)
                .map(([k, s]) => `${audit.requestCounts[k] ?? 0} ${s.label.toLowerCase()}`)
                .join(" · "),
            ],
            ...(mine ? ([["Your access ends", formatDate(mine.expiresAt)]] as Array<[string, string]>) : []),
          ]}
        />
        {audit.canManage ? <AuditStatusForm auditId={audit.id} status={audit.status} /> : null}
      </section>
      {audit.canManage && options ? (
        <GrantsPanel
          auditId={audit.id}
          auditors={options.auditors}
          grants={audit.grants.map((g) => ({
            ...g,
            expiresAt: g.expiresAt.toISOString(),
            revokedAt: g.revokedAt?.toISOString() ?? null,
          }))}
        />
      ) : null}
    </div>
  );
}
