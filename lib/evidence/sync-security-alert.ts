import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import type { SecurityAlertFacts } from "@/lib/ingest/github-alerts";

export interface SyncSecurityAlertOptions {
  ctx: RequestCtx;
  projectId: string;
  alert: SecurityAlertFacts;
}

/**
 * Keeps one SecurityAlert row per GitHub alert (project, source, repository, number) in step with its
 * deliveries: created when first seen, then updated with its state, severity and close time. A
 * delivery older (by the alert's updated_at) than the one already applied changes nothing. The first
 * opening time is kept when an alert is reopened: its remediation deadline runs from then.
 */
export async function syncSecurityAlert({ ctx, projectId, alert }: SyncSecurityAlertOptions) {
  return prisma.$transaction(async (tx) => {
    const key = `alert:${alert.source}:${alert.repo}#${alert.number}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${projectId}), hashtext(${key}))`;
    const where = {
      projectId_source_repo_number: { projectId, source: alert.source, repo: alert.repo, number: alert.number },
    };
    const stored = await tx.securityAlert.findUnique({
      where,
      select: { id: true, sourceUpdatedAt: true, openedAt: true },
    });
    if (stored?.sourceUpdatedAt && alert.updatedAt && alert.updatedAt < stored.sourceUpdatedAt) {
      return {
        stale: `the delivery is older (updated_at ${alert.updatedAt.toISOString()}) than the one already applied (${stored.sourceUpdatedAt.toISOString()})`,
      };
    }
    const fields = {
      kind: alert.kind,
      severity: alert.severity,
      title: alert.title,
      url: alert.url,
      state: alert.state,
      closedAt: alert.closedAt,
      closeReason: alert.closeReason,
      sourceUpdatedAt: alert.updatedAt,
    };
    const openedAt = stored && stored.openedAt < alert.openedAt ? stored.openedAt : alert.openedAt;
    const saved = await tx.securityAlert.upsert({
      where,
      update: { ...fields, openedAt },
      create: { projectId, source: alert.source, repo: alert.repo, number: alert.number, openedAt, ...fields },
      select: { id: true, state: true, severity: true, openedAt: true, closedAt: true },
    });
    await recordActivity(tx, {
      ctx,
      action: stored ? "security_alert.update" : "security_alert.create",
      entityType: "SecurityAlert",
      entityId: saved.id,
      projectId,
      summary: {
        source: alert.source,
        repo: alert.repo,
        number: alert.number,
        action: alert.action,
        state: alert.state,
        severity: alert.severity,
        closeReason: alert.closeReason,
      },
    });
    return {
      alertId: saved.id,
      state: saved.state,
      severity: saved.severity,
      openedAt: saved.openedAt,
      closedAt: saved.closedAt,
    };
  });
}
