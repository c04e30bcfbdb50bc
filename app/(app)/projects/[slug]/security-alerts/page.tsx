import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { formatDate } from "@/lib/format";
import { getAlertDashboard } from "@/lib/vulnerabilities/get-alert-dashboard";
import { deadlineDaysFor } from "@/lib/vulnerabilities/deadlines";
import { ALERT_SOURCE_LABELS } from "@/lib/readiness/describe-reason";
import { Badge } from "@/components/ui/badge";
import { TimeToFixChart } from "@/components/vulnerabilities/time-to-fix-chart";
import { RemediationPolicyForm } from "@/components/vulnerabilities/remediation-policy-form";
import { DAY_MS } from "@/lib/core/time";
import { DataTable } from "@/components/ui/data-table";

export default async function SecurityAlertsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("evidence:read");
  const d = await getAlertDashboard({ ctx, projectSlug: slug, now: await requestNow() });
  const { criticalDays, highDays, mediumDays, lowDays } = d.policy;
  const policy = { criticalDays, highDays, mediumDays, lowDays };
  return (
    <div className="stack">
      <div className="row">
        <h2>Security alerts</h2>
        <span className="spacer" />
        <Link href={`/projects/${slug}/evidence`}>Evidence</Link>
      </div>
      <p className="muted">
        GitHub&rsquo;s Dependabot, code scanning and secret scanning alerts (through the project&rsquo;s GitHub
        webhook), each against its remediation deadline. An alert open past its deadline fails the controls that expect
        dependency audits (Dependabot) or code scans (code and secret scanning).
      </p>

      <section className="card" aria-labelledby="open-title">
        <h3 id="open-title">Open alerts by age</h3>
        <DataTable testId="alerts-by-severity" columns={["Severity", "Deadline", "Open", "Past deadline"]}>
          {d.bySeverity.map((s) => (
            <tr key={s.severity}>
              <td>{s.severity}</td>
              <td>{deadlineDaysFor(d.policy, s.severity)} days</td>
              <td>{s.open}</td>
              <td>{s.overdue ? <Badge tone="bad">{s.overdue}</Badge> : 0}</td>
            </tr>
          ))}
        </DataTable>
        {d.openAlerts.length === 0 ? (
          <p className="muted" data-testid="alerts-empty">
            No open security alerts. Alerts arrive when the repository&rsquo;s GitHub webhook sends Dependabot, code
            scanning and secret scanning alert events.
          </p>
        ) : (
          <DataTable
            testId="open-alerts"
            columns={["Alert", "Severity", "Opened", "Age", "Due", "Status"]}
            after={
              d.openAlertsOmitted ? (
                <p className="small muted">{d.openAlertsOmitted} more open alerts, due later, are not listed.</p>
              ) : null
            }
          >
            {d.openAlerts.map((a) => {
              const name = `${ALERT_SOURCE_LABELS[a.source] ?? a.source} #${a.number} in ${a.repo}`;
              const days = Math.abs(Math.floor((d.at.getTime() - a.dueAt.getTime()) / DAY_MS));
              return (
                <tr key={a.id}>
                  <td>
                    {a.url ? <a href={a.url}>{name}</a> : name}
                    <div className="small muted">{a.title}</div>
                  </td>
                  <td>{a.severity}</td>
                  <td>{formatDate(a.openedAt)}</td>
                  <td>
                    {a.ageDays} of {a.deadlineDays} days
                  </td>
                  <td>{formatDate(a.dueAt)}</td>
                  <td>
                    {a.overdue ? (
                      <Badge tone="bad">Overdue by {days} days</Badge>
                    ) : (
                      <Badge tone="ok">{days} days left</Badge>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>

      <section className="card" aria-labelledby="ttf-title">
        <h3 id="ttf-title">Time to fix, last {d.timeToFix.windowDays} days</h3>
        <TimeToFixChart
          windowDays={d.timeToFix.windowDays}
          rows={d.timeToFix.bySeverity.map((r) => ({ ...r, deadlineDays: deadlineDaysFor(d.policy, r.severity) }))}
        />
        {d.timeToFix.closedWithoutFix ? (
          <p className="small muted">
            {d.timeToFix.closedWithoutFix} alerts were dismissed or resolved without a fix in this period (not counted
            as fixed).
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="policy-title">
        <h3 id="policy-title">Remediation deadlines</h3>
        {can(ctx.actor, "project:update") ? (
          <RemediationPolicyForm slug={slug} policy={policy} />
        ) : (
          <p className="muted">
            Critical {criticalDays} days, high {highDays}, medium {mediumDays}, low {lowDays} (from the alert&rsquo;s
            opening).
          </p>
        )}
      </section>
    </div>
  );
}
