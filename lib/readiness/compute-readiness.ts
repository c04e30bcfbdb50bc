// THE scoring entry point. Every page, API, packet, snapshot and gate calls this; nothing else
// computes a score. The rules are pure (evaluate.ts) over facts gathered in SQL (gather-facts.ts).
import { prisma, type Db } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { InvalidInputError } from "@/lib/errors";
import { projectAccessWhere } from "@/lib/core/access/project-access";
import { noSuchProject } from "@/lib/core/access/resolve-project";
import { auditorView, type AuditorView, type ObservationWindow } from "@/lib/core/access/auditor-scope";
import { gatherFacts } from "@/lib/readiness/gather-facts";
import { evaluateReadiness } from "@/lib/readiness/evaluate";
import {
  readStoredReadiness,
  storeReadiness,
  type StoreGenerations,
  type StoreValidity,
} from "@/lib/readiness/readiness-store";
import { earliest, nextChangeInFacts, nextFutureRowAt } from "@/lib/readiness/next-change";
import { readinessStoreEnabled } from "@/lib/readiness/store-switch";
import type { ReadinessResult } from "@/lib/readiness/types";

export interface ComputeReadinessOptions {
  ctx: RequestCtx;
  /** The project, by slug or by id. */
  slug?: string;
  projectId?: string;
  /** The moment to compute for: now, or a past moment ("as of"). */
  at: Date;
  /** Limit to these framework keys (each must be one the project is assessed against). */
  frameworkKeys?: string[];
  /** The real present, for access checks (an auditor's grant must be live now). Defaults to `at`. */
  now?: Date;
  /**
   * Count only evidence and exercises inside this audit window (a packet's readiness). For an auditor
   * the window of the audit that grants the project is always used, and `at` is clamped into it.
   */
  window?: ObservationWindow;
  db?: Db;
  /**
   * Compute from the facts even when the readiness store holds a valid answer (tests and the bench
   * compare the two). The store is used only for the whole project's evidence (no audit window),
   * outside a transaction, and stores the fresh answer either way.
   */
  fresh?: boolean;
  /**
   * The caller only reads the answer: a stored one may be handed out as the process's own frozen
   * copy instead of a fresh copy (the readiness store's memo), which saves copying a large answer.
   */
  readOnly?: boolean;
}

export interface ProjectReadiness {
  project: { id: string; slug: string; name: string };
  result: ReadinessResult;
  /** Set when an auditor asked: the audit window the result was computed in (and `result.at` lies in it). */
  view?: AuditorView | null;
}

const VALIDITY = new WeakMap<ReadinessResult, StoreValidity>();

/**
 * Where an answer of computeReadiness holds, when it is the store's (read, or just computed and
 * stored): the generations it was computed at and the moments it answers for, so that what a caller
 * derives from it can be kept as long as it holds. Null for answers the store does not keep (an
 * auditor's, an audit window's, inside a transaction, or with the store off).
 */
export function validityOf(result: ReadinessResult): StoreValidity | null {
  return VALIDITY.get(result) ?? null;
}

let computations = 0;

/** How many answers this process has computed from the facts (not read from the store) so far. */
export function readinessComputations(): number {
  return computations;
}

export async function computeReadiness({
  ctx,
  slug,
  projectId,
  at: asked,
  frameworkKeys,
  now = asked,
  window: given,
  db = prisma,
  fresh = false,
  readOnly = false,
}: ComputeReadinessOptions): Promise<ProjectReadiness> {
  if (!slug && !projectId) throw new InvalidInputError("Name the project (slug or id).");
  const project = await db.project.findFirst({
    where: { AND: [slug ? { slug } : { id: projectId }, projectAccessWhere(ctx.actor, now)] },
    select: { id: true, slug: true, name: true },
  });
  if (!project) throw noSuchProject(slug ?? projectId!);
  assertCan(ctx.actor, "readiness:read", { projectId: project.id });
  if (Number.isNaN(asked.getTime()))
    throw new InvalidInputError("The moment to compute readiness for is not a valid date.", [
      { path: "at", message: "not a valid date" },
    ]);
  // An auditor's readiness: as of a moment inside their audit's window, from what lies inside it.
  const view = await auditorView(ctx.actor, project.id, asked, now);
  const window = view?.window ?? given ?? null;
  const at = view?.at ?? asked;

  // The store answers for the project's own evidence only, and only outside a caller's transaction.
  const storable = !window && db === prisma && readinessStoreEnabled();
  let generations: StoreGenerations | null = null;
  if (storable) {
    const stored = await readStoredReadiness({ projectId: project.id, at, frameworkKeys, shared: readOnly });
    if (stored.result && !fresh) {
      if (stored.validity) VALIDITY.set(stored.result, stored.validity);
      return { project: { id: project.id, slug: project.slug, name: project.name }, result: stored.result, view };
    }
    // Read before the facts are gathered: a write committed in between bumps the generation past these.
    generations = stored.generations;
  }

  const facts = await gatherFacts({ projectId: project.id, at, frameworkKeys, window, db });
  // A framework asked for but not gathered is one the project is not assessed against.
  const unknown = (frameworkKeys ?? []).filter((k) => !facts.frameworks.some((f) => f.key === k));
  if (unknown.length) {
    const rows = await db.projectFramework.findMany({
      where: { projectId: project.id },
      select: { framework: { select: { key: true } } },
    });
    const assessed = rows.map((r) => r.framework.key).sort();
    const against = assessed.length
      ? `it is assessed against ${assessed.join(", ")}`
      : "it is not assessed against any framework yet";
    throw new InvalidInputError(`${project.name} is not assessed against ${unknown.join(", ")}; ${against}.`, [
      { path: "framework", message: `not one of: ${assessed.join(", ") || "(none)"}` },
    ]);
  }
  const result = evaluateReadiness(facts);
  computations++;
  if (generations) {
    const validUntil = earliest(nextChangeInFacts(facts), await nextFutureRowAt(project.id, at));
    await storeReadiness({ projectId: project.id, facts, result, generations, validUntil });
    VALIDITY.set(result, { generations, from: at.getTime(), until: validUntil?.getTime() ?? Infinity });
  }
  return { project: { id: project.id, slug: project.slug, name: project.name }, result, view };
}
