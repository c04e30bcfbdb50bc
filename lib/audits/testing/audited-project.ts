// The start of most audit tests: a project, a compliance lead leading an audit of it over a window,
// and an auditor holding a live grant to that audit. Rows go straight into the database.
import { makeAudit, makeGrant } from "@/lib/audits/audit-test-data";
import { DAY_MS } from "@/lib/core/time";
import { makeProject, makeUser } from "@/tests/factories";

export interface AuditedProjectOptions {
  window: { start: Date; end: Date };
  /** When the auditor's grant ends: 30 days from now unless given. */
  grantExpiresAt?: Date;
  auditName?: string;
  project?: Parameters<typeof makeProject>[0];
  leadName?: string;
  auditorName?: string;
}

export async function makeAuditedProject(opts: AuditedProjectOptions) {
  const lead = await makeUser({ role: "COMPLIANCE_LEAD", name: opts.leadName });
  const auditor = await makeUser({ role: "AUDITOR", name: opts.auditorName });
  const project = await makeProject(opts.project);
  const audit = await makeAudit({
    leadId: lead.id,
    projectIds: [project.id],
    windowStart: opts.window.start,
    windowEnd: opts.window.end,
    name: opts.auditName,
  });
  const grant = await makeGrant({
    auditId: audit.id,
    userId: auditor.id,
    expiresAt: opts.grantExpiresAt ?? new Date(Date.now() + 30 * DAY_MS),
    grantedById: lead.id,
  });
  return { lead, auditor, project, audit, grant };
}
