import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { formatDate } from "@/lib/format";
import { listAudits } from "@/lib/audits/list-audits";
import { listMyRequests } from "@/lib/audits/list-requests";
import { auditPlanningOptions } from "@/lib/audits/audit-form-options";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { AUDIT_STATUS, REQUEST_STATUS, windowLabel } from "@/components/audits/labels";
import { CreateAuditForm } from "@/components/audits/create-audit-form";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Audits" };

export default async function AuditsPage() {
  const ctx = await requirePermission("request:read");
  const now = await requestNow();
  const manage = can(ctx.actor, "audit:manage");
  const [audits, mine, options] = await Promise.all([
    listAudits({ ctx, now, limit: 100 }),
    listMyRequests({ ctx, now }),
    manage ? auditPlanningOptions({ ctx, now }) : Promise.resolve(null),
  ]);
  const seesAudits = can(ctx.actor, "audit:read");
  return (
    <>
      <PageHeader
        title="Audits"
        description="Each audit covers one framework, some projects and an observation window. Auditors see only the audits they are granted, only until their access ends."
      />
      <div className="stack">
        {seesAudits ? (
          audits.items.length ? (
            <DataTable
              testId="audits-table"
              columns={[
                "Audit",
                "Framework",
                "Window",
                "Projects",
                "Status",
                { label: "Open requests", className: "num" },
              ]}
            >
              {audits.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/audits/${a.id}`}>{a.name}</Link>
                  </td>
                  <td>{a.framework.name}</td>
                  <td className="small">{windowLabel(a.windowStart, a.windowEnd, formatDate)}</td>
                  <td className="small">{a.projects.map((p) => p.name).join(", ")}</td>
                  <td>
                    <Badge tone={AUDIT_STATUS[a.status].tone}>{AUDIT_STATUS[a.status].label}</Badge>
                  </td>
                  <td className="num">{a.openRequests}</td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <EmptyState title={manage ? "No audits planned yet" : "No audit is open to you"} testId="audits-empty">
              <p>
                {manage
                  ? "Plan one below: choose the framework, the projects in scope and the observation window, then grant the auditor access until a date."
                  : "When a compliance lead grants you access to an audit, it appears here until the access ends."}
              </p>
            </EmptyState>
          )
        ) : null}
        {mine.length || !seesAudits ? (
          <section className="card" aria-labelledby="mine-title" data-testid="my-requests">
            <h2 id="mine-title">Requests assigned to you</h2>
            {mine.length ? (
              <ul className="stack" style={{ listStyle: "none", padding: 0, gap: "0.4rem" }}>
                {mine.map((r) => (
                  <li key={r.id}>
                    <Link href={`/audits/${r.auditId}/requests/${r.id}`}>{r.title}</Link>{" "}
                    <Badge tone={REQUEST_STATUS[r.status].tone}>{REQUEST_STATUS[r.status].label}</Badge>{" "}
                    <span className="small muted">
                      {r.audit.name}
                      {r.dueAt ? ` · due ${formatDate(r.dueAt)}` : ""}
                      {r.overdue ? " · overdue" : ""}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">
                Nothing to answer. When a compliance lead makes you the owner of an auditor&apos;s request, it appears
                here.
              </p>
            )}
          </section>
        ) : null}
        {options ? (
          <section className="card" aria-labelledby="plan-title">
            <h2 id="plan-title">Plan an audit</h2>
            <CreateAuditForm frameworks={options.frameworks} projects={options.projects} />
          </section>
        ) : null}
      </div>
    </>
  );
}
