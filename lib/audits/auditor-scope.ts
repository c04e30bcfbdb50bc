import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db";

// What an auditor may see: the projects of the audits they hold a live grant for (not revoked, not
// expired), and within those projects only what falls inside each audit's observation window. Other
// actors are not narrowed here (their project filter is lib/projects/project-access.ts).
//
// Every query that shows project data to an auditor goes through these helpers, so that a grant's
// expiry or revocation takes effect on the very next request: nothing is cached.

export interface ObservationWindow {
  start: Date;
  end: Date;
}

/** A Type I audit looks at one moment (start equals end); a Type II audit at a period. */
export function isPointInTime(window: ObservationWindow): boolean {
  return window.start.getTime() === window.end.getTime();
}

export function isAuditorActor(actor: Actor): actor is Extract<Actor, { kind: "user" }> {
  return actor.kind === "user" && actor.user.role === "AUDITOR";
}

/** Grants that still give access at `now`. */
export function liveGrantWhere(userId: string, now: Date): Prisma.AuditorGrantWhereInput {
  return { userId, revokedAt: null, expiresAt: { gt: now } };
}

/** The projects of the audits an auditor holds a live grant for. */
export function auditorProjectWhere(userId: string, now: Date): Prisma.ProjectWhereInput {
  return { audits: { some: { audit: { grants: { some: liveGrantWhere(userId, now) } } } } };
}

/**
 * Evidence "inside the window". For a period (Type II): effective between its start and end,
 * inclusive. For a moment (Type I): in force at that moment, i.e. effective at or before it and not
 * expired before it.
 */
export function evidenceInWindowWhere(window: ObservationWindow, projectIds: string[]): Prisma.EvidenceWhereInput {
  if (isPointInTime(window)) {
    return {
      projectId: { in: projectIds },
      effectiveAt: { lte: window.end },
      OR: [{ expiresAt: null }, { expiresAt: { gte: window.end } }],
    };
  }
  return { projectId: { in: projectIds }, effectiveAt: { gte: window.start, lte: window.end } };
}

export interface GrantedAudit {
  auditId: string;
  projectIds: string[];
  window: ObservationWindow;
  expiresAt: Date;
}

/** The audits an auditor can work in at `now`, with their projects and windows. */
export async function grantedAudits(userId: string, now: Date): Promise<GrantedAudit[]> {
  const grants = await prisma.auditorGrant.findMany({
    where: liveGrantWhere(userId, now),
    orderBy: { createdAt: "asc" },
    select: {
      expiresAt: true,
      audit: { select: { id: true, windowStart: true, windowEnd: true, projects: { select: { projectId: true } } } },
    },
  });
  return grants.map((g) => ({
    auditId: g.audit.id,
    projectIds: g.audit.projects.map((p) => p.projectId),
    window: { start: g.audit.windowStart, end: g.audit.windowEnd },
    expiresAt: g.expiresAt,
  }));
}

const NOTHING = { id: { in: [] as string[] } };

/**
 * The evidence an actor may see, as a Prisma filter to AND with the query's own filter. Auditors:
 * in-window evidence of their granted audits' projects (nothing when they hold no live grant).
 * Everyone else: no narrowing here. The evidence list, get and download functions call it.
 */
export async function evidenceScopeWhere(actor: Actor, now: Date = new Date()): Promise<Prisma.EvidenceWhereInput> {
  if (!isAuditorActor(actor)) return {};
  const audits = await grantedAudits(actor.user.id, now);
  if (!audits.length) return NOTHING;
  return { OR: audits.map((a) => evidenceInWindowWhere(a.window, a.projectIds)) };
}

/** Audit-log lines the actor may see: for auditors, only lines that occurred inside a granted window. */
export async function auditEventScopeWhere(actor: Actor, now: Date = new Date()): Promise<Prisma.AuditEventWhereInput> {
  if (!isAuditorActor(actor)) return {};
  const audits = await grantedAudits(actor.user.id, now);
  if (!audits.length) return { id: { in: [] as bigint[] } };
  return { OR: audits.map((a) => ({ projectId: { in: a.projectIds }, occurredAt: { gte: a.window.start, lte: a.window.end } })) };
}

/**
 * The same narrowing as evidenceScopeWhere, as a SQL condition on an Evidence alias, for queries
 * written in raw SQL (the evidence table's keyset pages). TRUE for everyone but auditors.
 */
export async function evidenceScopeSql(actor: Actor, now: Date = new Date(), alias = "e"): Promise<Prisma.Sql> {
  if (!isAuditorActor(actor)) return Prisma.sql`TRUE`;
  const audits = await grantedAudits(actor.user.id, now);
  if (!audits.length) return Prisma.sql`FALSE`;
  const col = (name: string) => Prisma.raw(`"${alias}"."${name}"`);
  const one = (a: GrantedAudit) =>
    isPointInTime(a.window)
      ? Prisma.sql`(${col("projectId")} = ANY(${a.projectIds}) AND ${col("effectiveAt")} <= ${a.window.end} AND (${col("expiresAt")} IS NULL OR ${col("expiresAt")} >= ${a.window.end}))`
      : Prisma.sql`(${col("projectId")} = ANY(${a.projectIds}) AND ${col("effectiveAt")} >= ${a.window.start} AND ${col("effectiveAt")} <= ${a.window.end})`;
  return Prisma.sql`(${Prisma.join(audits.map(one), " OR ")})`;
}
