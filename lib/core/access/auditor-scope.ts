import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

// What an auditor may see: the projects of the audits they hold a live grant for (not revoked, not
// expired), and within those projects only what falls inside each audit's observation window. Other
// actors are not narrowed here (their project filter is lib/core/access/project-access.ts).
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
  return {
    OR: audits.map((a) => ({
      projectId: { in: a.projectIds },
      occurredAt: { gte: a.window.start, lte: a.window.end },
    })),
  };
}

/**
 * The same narrowing as evidenceScopeWhere, as a SQL condition on an Evidence alias, for queries
 * written in raw SQL (the evidence table's keyset pages). TRUE for everyone but auditors.
 */
export async function evidenceScopeSql(actor: Actor, now: Date = new Date(), alias = "e"): Promise<Prisma.Sql> {
  const col = aliasColumn(alias);
  return grantedScopeSql(
    actor,
    now,
    (a) =>
      Prisma.sql`(${col("projectId")} = ANY(${a.projectIds}::text[]) AND ${evidenceInWindowSql(a.window, { effectiveAt: col("effectiveAt"), expiresAt: col("expiresAt") })})`,
  );
}

/** A quoted column of a table alias, for the SQL conditions below. */
const aliasColumn = (alias: string) => (name: string) => Prisma.raw(`"${alias}"."${name}"`);

/**
 * The shape every SQL scope shares: TRUE for everyone but auditors, FALSE for an auditor with no live
 * grant, else one condition per granted audit, ORed.
 */
async function grantedScopeSql(actor: Actor, now: Date, one: (audit: GrantedAudit) => Prisma.Sql): Promise<Prisma.Sql> {
  if (!isAuditorActor(actor)) return Prisma.sql`TRUE`;
  const audits = await grantedAudits(actor.user.id, now);
  if (!audits.length) return Prisma.sql`FALSE`;
  return Prisma.sql`(${Prisma.join(audits.map(one), " OR ")})`;
}

/**
 * evidenceInWindowWhere's time condition as SQL over the given columns (an Evidence row, or an
 * EvidenceControl row with its evidence's expiry looked up). TRUE without a window.
 */
export function evidenceInWindowSql(
  window: ObservationWindow | null,
  cols: { effectiveAt: Prisma.Sql; expiresAt: Prisma.Sql },
): Prisma.Sql {
  if (!window) return Prisma.sql`TRUE`;
  if (isPointInTime(window))
    return Prisma.sql`(${cols.effectiveAt} <= ${window.end} AND (${cols.expiresAt} IS NULL OR ${cols.expiresAt} >= ${window.end}))`;
  return Prisma.sql`(${cols.effectiveAt} >= ${window.start} AND ${cols.effectiveAt} <= ${window.end})`;
}

// ---------------------------------------------------------------------------------------------------
// Runbook exercises (and their attachments) are evidence of a drill: an auditor sees those performed
// inside the window (Type II), or by the moment (Type I), in the granted audits' projects.

export function exerciseInWindowWhere(window: ObservationWindow): Prisma.RunbookExerciseWhereInput {
  return isPointInTime(window)
    ? { performedAt: { lte: window.end } }
    : { performedAt: { gte: window.start, lte: window.end } };
}

/** SQL form of exerciseInWindowWhere over a performedAt column; TRUE without a window. */
export function exerciseInWindowSql(window: ObservationWindow | null, performedAt: Prisma.Sql): Prisma.Sql {
  if (!window) return Prisma.sql`TRUE`;
  if (isPointInTime(window)) return Prisma.sql`(${performedAt} <= ${window.end})`;
  return Prisma.sql`(${performedAt} >= ${window.start} AND ${performedAt} <= ${window.end})`;
}

/** The exercises an actor may see, to AND with the query's own filter. No narrowing for non-auditors. */
export async function exerciseScopeWhere(
  actor: Actor,
  now: Date = new Date(),
): Promise<Prisma.RunbookExerciseWhereInput> {
  if (!isAuditorActor(actor)) return {};
  const audits = await grantedAudits(actor.user.id, now);
  if (!audits.length) return { id: { in: [] as string[] } };
  return {
    OR: audits.map((a) => ({
      AND: [{ runbook: { projectId: { in: a.projectIds } } }, exerciseInWindowWhere(a.window)],
    })),
  };
}

/**
 * exerciseScopeWhere as a SQL condition over an exercise's performedAt and its runbook's projectId,
 * for queries written in raw SQL. TRUE for everyone but auditors.
 */
export async function exerciseScopeSql(
  actor: Actor,
  now: Date,
  cols: { performedAt: Prisma.Sql; projectId: Prisma.Sql },
): Promise<Prisma.Sql> {
  return grantedScopeSql(
    actor,
    now,
    (a) =>
      Prisma.sql`(${cols.projectId} = ANY(${a.projectIds}::text[]) AND ${exerciseInWindowSql(a.window, cols.performedAt)})`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Moments. Whatever is computed "as of" a moment (readiness, holdbacks, what falls due, open
// blockers) is computed for an auditor as of a moment inside the window of the audit that grants the
// project, from evidence and exercises inside that window only.

/** `at`, moved into the window if it lies outside it. */
export function clampToWindow(at: Date, window: ObservationWindow): Date {
  if (at.getTime() < window.start.getTime()) return window.start;
  if (at.getTime() > window.end.getTime()) return window.end;
  return at;
}

export interface AuditorView {
  auditId: string;
  window: ObservationWindow;
  /** The moment asked about, clamped into the window. */
  at: Date;
}

function distance(at: Date, w: ObservationWindow): number {
  const t = at.getTime();
  return t < w.start.getTime() ? w.start.getTime() - t : t > w.end.getTime() ? t - w.end.getTime() : 0;
}

/**
 * Of the audits that grant a project, the one whose window is nearest `at` (containing it if any;
 * ties go to the later window), with `at` clamped into it.
 */
export function chooseView(audits: GrantedAudit[], projectId: string, at: Date): AuditorView | null {
  const mine = audits.filter((a) => a.projectIds.includes(projectId));
  if (!mine.length) return null;
  const best = mine.reduce((b, a) => {
    const d = distance(at, a.window) - distance(at, b.window);
    return d < 0 || (d === 0 && a.window.end.getTime() > b.window.end.getTime()) ? a : b;
  });
  return { auditId: best.auditId, window: best.window, at: clampToWindow(at, best.window) };
}

/**
 * How an actor reads a project as of `at`: null for everyone but auditors (no narrowing); for an
 * auditor, the granting audit's window and the clamped moment. An auditor without a live grant on the
 * project gets a not-found, the same answer as for a project that does not exist.
 */
export async function auditorView(actor: Actor, projectId: string, at: Date, now: Date): Promise<AuditorView | null> {
  if (!isAuditorActor(actor)) return null;
  const view = chooseView(await grantedAudits(actor.user.id, now), projectId, at);
  if (!view) throw new NotFoundError("There is no project with that name that you can see.");
  return view;
}

/** auditorView for several projects at once (one grant read), keyed by project id. */
export async function auditorViews(
  actor: Actor,
  projectIds: string[],
  at: Date,
  now: Date,
): Promise<Map<string, AuditorView> | null> {
  if (!isAuditorActor(actor)) return null;
  const audits = await grantedAudits(actor.user.id, now);
  const out = new Map<string, AuditorView>();
  for (const id of projectIds) {
    const view = chooseView(audits, id, at);
    if (view) out.set(id, view);
  }
  return out;
}

/**
 * Backlog items open (not done) in these projects: now, or for an auditor at the clamped moment of
 * each project's view (created by then and not closed by then), so that counts of open work match the
 * readiness the auditor is shown. A SQL condition on a BacklogItem alias: the dashboard reads its matrix
 * and its list of open blockers with SQL.
 */
export function openBacklogSql(projectIds: string[], views: Map<string, AuditorView> | null, alias = "b"): Prisma.Sql {
  const col = aliasColumn(alias);
  if (!views) return Prisma.sql`(${col("projectId")} = ANY(${projectIds}::text[]) AND ${col("status")} <> 'DONE')`;
  const ors = projectIds.flatMap((id) => {
    const v = views.get(id);
    return v
      ? [
          Prisma.sql`(${col("projectId")} = ${id} AND ${col("createdAt")} <= ${v.at} AND ((${col("closedAt")} IS NULL AND ${col("status")} <> 'DONE') OR ${col("closedAt")} > ${v.at}))`,
        ]
      : [];
  });
  return ors.length ? Prisma.sql`(${Prisma.join(ors, " OR ")})` : Prisma.sql`FALSE`;
}
