// Backdating: whoever pushes evidence chooses its effective time, but not when Proofline collected
// it. Evidence dated into an audit's window yet collected after that window closed was written down
// (or pushed) after the fact. It still counts as in the window (the effective time says what it is
// about), but every place that shows it in an audit's context says so, next to both times.
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import { can, type Actor } from "@/lib/auth/actor";
import { isAuditorActor, isPointInTime, liveGrantWhere, type ObservationWindow } from "@/lib/core/access/auditor-scope";

/** Collected after the window closed (for evidence already known to be dated inside it). */
export function collectedAfterWindow(collectedAt: Date, window: ObservationWindow): boolean {
  return collectedAt.getTime() > window.end.getTime();
}

export interface LateForAudit {
  /** The audit's name, when the reader may see audits. */
  audit: string | null;
  windowEnd: Date;
}

/**
 * The audits of the evidence's project whose window it is dated into but which had closed before it
 * was collected: for an auditor, only the audits they hold a live grant for; audit names only for
 * readers who may see audits.
 */
export async function lateForAudits(opts: {
  actor: Actor;
  evidence: { projectId: string; effectiveAt: Date; collectedAt: Date; expiresAt: Date | null };
  now: Date;
}): Promise<LateForAudit[]> {
  const { actor, evidence: e, now } = opts;
  const where: Prisma.AuditWhereInput = {
    projects: { some: { projectId: e.projectId } },
    windowEnd: { lt: e.collectedAt, gte: e.effectiveAt },
    ...(isAuditorActor(actor) ? { grants: { some: liveGrantWhere(actor.user.id, now) } } : {}),
  };
  const audits = await prisma.audit.findMany({
    where,
    orderBy: [{ windowEnd: "asc" }, { id: "asc" }],
    select: { name: true, windowStart: true, windowEnd: true },
  });
  const named = can(actor, "audit:read");
  return audits
    .filter((a) => {
      const window = { start: a.windowStart, end: a.windowEnd };
      // Dated into the window: inside the period (Type II), or in force at the moment (Type I).
      if (isPointInTime(window)) return !e.expiresAt || e.expiresAt.getTime() >= window.end.getTime();
      return e.effectiveAt.getTime() >= window.start.getTime();
    })
    .map((a) => ({ audit: named ? a.name : null, windowEnd: a.windowEnd }));
}
