// When time alone next changes a readiness answer (the store's validUntil). Two sources:
//  - the facts themselves: an expectation's newest evidence expires, a linked runbook falls due, is
//    written down or archived, an open blocker's recorded closing time arrives;
//  - rows dated after `at` that the facts left out because they had not happened yet: evidence
//    effective or collected later, blockers opened later, exercises performed later.
// Both are bounds from above: an earlier validUntil only costs a recomputation, never a wrong answer.
// A new time-dependent input to the rules (evaluate-control.ts) must add its instants here; the
// store's property test (readiness-store.int.test.ts) moves the clock to catch a missing one.
import { prisma, type Db } from "@/lib/db";
import { addDays, runbookDueAt } from "@/lib/readiness/evaluate-control";
import type { ReadinessFacts } from "@/lib/readiness/types";

/** The earliest instant after `facts.at` at which the rules could answer differently for the same facts. */
export function nextChangeInFacts(facts: ReadinessFacts): Date | null {
  const at = facts.at.getTime();
  let next = Infinity;
  const consider = (d: Date | null | undefined) => {
    const t = d?.getTime();
    if (t !== undefined && t > at && t < next) next = t;
  };
  for (const c of facts.controls) {
    for (const e of c.expectations) if (e.latest) consider(addDays(e.latest.effectiveAt, e.freshnessDays));
    for (const b of c.blockers) {
      consider(b.createdAt);
      consider(b.closedAt);
    }
    for (const r of c.runbooks) {
      consider(r.createdAt);
      consider(r.archivedAt);
      consider(r.lastExercise?.performedAt);
      consider(runbookDueAt(r));
    }
    for (const a of c.alerts ?? []) consider(a.dueAt); // an open security alert falls past its deadline
  }
  return Number.isFinite(next) ? new Date(next) : null;
}

/** The earliest instant after `at` at which a row of the project, left out of the facts as not yet happened, starts to count. */
export async function nextFutureRowAt(projectId: string, at: Date, db: Db = prisma): Promise<Date | null> {
  const [row] = await db.$queryRaw<Array<{ next: Date | null }>>`
    SELECT LEAST(
      (SELECT min(GREATEST(x."effectiveAt", x."collectedAt")) FROM "EvidenceControl" x
        WHERE x."projectId" = ${projectId} AND (x."effectiveAt" > ${at} OR x."collectedAt" > ${at})),
      (SELECT min(b."createdAt") FROM "BacklogItem" b
        WHERE b."projectId" = ${projectId} AND b.priority = 'BLOCKER' AND b."createdAt" > ${at}),
      (SELECT min(y."performedAt") FROM "RunbookExercise" y JOIN "Runbook" r ON r.id = y."runbookId"
        WHERE r."projectId" = ${projectId} AND y."performedAt" > ${at}),
      (SELECT min(a."openedAt") FROM "SecurityAlert" a WHERE a."projectId" = ${projectId} AND a."openedAt" > ${at}),
      (SELECT min(a."closedAt") FROM "SecurityAlert" a WHERE a."projectId" = ${projectId} AND a."closedAt" > ${at})
    ) AS next`;
  return row?.next ?? null;
}

export function earliest(...dates: Array<Date | null>): Date | null {
  const ts = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return ts.length ? new Date(Math.min(...ts)) : null;
}
