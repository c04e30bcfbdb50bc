// The control rule (pure). Documented in docs/readiness.md and on /readiness/how: keep them in step.
import type {
  BlockerFacts,
  ControlFacts,
  ControlResult,
  ExpectationResult,
  Reason,
  RunbookFacts,
} from "@/lib/readiness/types";
import { evidenceKindNoun } from "@/lib/core/labels";
import { addDays, nextDueAt } from "@/lib/core/time";

export { DAY_MS, addDays } from "@/lib/core/time";

/**
 * When a runbook's next exercise falls due: its cadence after the last exercise performed by then,
 * or after the runbook was created when it has never been exercised. Null when it has no cadence.
 */
export function runbookDueAt(
  runbook: Pick<RunbookFacts, "cadenceDays" | "createdAt"> & { lastExercise: { performedAt: Date } | null },
): Date | null {
  return nextDueAt(runbook.cadenceDays, runbook.lastExercise?.performedAt ?? null, runbook.createdAt);
}

/**
 * Whether a blocker was open at `at`: created by then and not closed by then. An item marked done
 * without a closing time (possible only for data written outside Proofline) counts as closed.
 */
export function blockerOpenAt(b: Pick<BlockerFacts, "status" | "createdAt" | "closedAt">, at: Date): boolean {
  if (b.createdAt.getTime() > at.getTime()) return false;
  if (b.closedAt) return b.closedAt.getTime() > at.getTime();
  return b.status !== "DONE";
}

/**
 * A runbook counts from its creation (or its first exercise, when exercises were recorded from before
 * it was written down in Proofline) until it is archived.
 */
export function runbookExistedAt(
  r: Pick<RunbookFacts, "createdAt" | "archivedAt" | "lastExercise">,
  at: Date,
): boolean {
  const started =
    r.createdAt.getTime() <= at.getTime() ||
    (r.lastExercise !== null && r.lastExercise.performedAt.getTime() <= at.getTime());
  return started && (!r.archivedAt || r.archivedAt.getTime() > at.getTime());
}

function runbookReasons(r: RunbookFacts, at: Date): Reason[] {
  const out: Reason[] = [];
  const base = { runbookId: r.runbookId, runbookKey: r.key, title: r.title };
  const last = r.lastExercise;
  if (last) {
    if (last.outcome !== "PASS") {
      out.push({
        type: "exercise-failed",
        severity: "failing",
        ...base,
        performedAt: last.performedAt,
        outcome: last.outcome,
      });
    } else {
      const checks: Array<["RTO" | "RPO", number | null, number | null]> = [
        ["RTO", last.measuredRtoSeconds, r.rtoTargetSeconds],
        ["RPO", last.measuredRpoSeconds, r.rpoTargetSeconds],
      ];
      for (const [measure, measured, target] of checks) {
        if (measured !== null && target !== null && measured > target) {
          out.push({
            type: "exercise-missed-target",
            severity: "failing",
            ...base,
            performedAt: last.performedAt,
            measure,
            measuredSeconds: measured,
            targetSeconds: target,
          });
        }
      }
    }
  }
  const dueAt = runbookDueAt(r);
  if (dueAt && at.getTime() >= dueAt.getTime()) {
    out.push({
      type: "exercise-overdue",
      severity: "stale",
      ...base,
      dueAt,
      lastPerformedAt: last?.performedAt ?? null,
    });
  }
  return out;
}

/**
 * One control's state at `at`:
 *  - not applicable when the project marked it so (nothing else is looked at);
 *  - failing when any reason is failing: the newest evidence of an expected kind failed, an open
 *    BLOCKER backlog item is linked to it, or the last exercise of a linked runbook failed, was only
 *    partial, or missed its RTO/RPO target, or a security alert of an expected kind is open past its
 *    remediation deadline;
 *  - stale when any reason is stale: an expected kind has no evidence yet, or its newest evidence is
 *    older than the kind's freshness (stale from the exact instant effectiveAt + freshnessDays), or a
 *    linked runbook's exercise is overdue, or nothing at all can prove the control;
 *  - passing otherwise. WARN evidence counts as passing and leaves a note.
 */
export function evaluateControl(c: ControlFacts, at: Date): ControlResult {
  const expectations: ExpectationResult[] = c.expectations.map((e) => ({
    kind: e.kind,
    freshnessDays: e.freshnessDays,
    latest: e.latest ? { ...e.latest, expiresAt: addDays(e.latest.effectiveAt, e.freshnessDays) } : null,
  }));
  const base = { id: c.id, key: c.key, title: c.title, justification: c.justification, expectations };
  if (c.notApplicable) return { ...base, state: "not_applicable", reasons: [], notes: [] };

  const reasons: Reason[] = [];
  const notes: string[] = [];
  for (const e of expectations) {
    const latest = e.latest;
    if (!latest) {
      reasons.push({ type: "evidence-missing", severity: "stale", kind: e.kind });
    } else if (latest.outcome === "FAIL") {
      reasons.push({
        type: "evidence-failed",
        severity: "failing",
        kind: e.kind,
        evidenceId: latest.evidenceId,
        title: latest.title,
        effectiveAt: latest.effectiveAt,
        branch: latest.branch,
      });
    } else if (at.getTime() >= latest.expiresAt.getTime()) {
      reasons.push({
        type: "evidence-expired",
        severity: "stale",
        kind: e.kind,
        evidenceId: latest.evidenceId,
        title: latest.title,
        effectiveAt: latest.effectiveAt,
        expiredAt: latest.expiresAt,
      });
    } else if (latest.outcome === "WARN") {
      notes.push(`The newest ${kindLabel(e.kind)} ("${latest.title}") passed with warnings.`);
    }
  }
  for (const b of c.blockers.filter((b) => blockerOpenAt(b, at))) {
    reasons.push({
      type: "blocker-open",
      severity: "failing",
      itemId: b.itemId,
      key: b.key,
      title: b.title,
      openedAt: b.createdAt,
    });
  }
  const runbooks = c.runbooks.filter((r) => runbookExistedAt(r, at));
  for (const r of runbooks) reasons.push(...runbookReasons(r, at));
  for (const a of c.alerts ?? []) {
    if (a.openedAt.getTime() <= at.getTime() && at.getTime() >= a.dueAt.getTime()) {
      const { alertId, source, repo, number, alertSeverity, title, openedAt, deadlineDays, dueAt } = a;
      reasons.push({
        type: "alert-overdue",
        severity: "failing",
        alertId,
        source,
        repo,
        number,
        alertSeverity,
        title,
        openedAt,
        deadlineDays,
        dueAt,
      });
    }
  }

  const provable = c.expectations.length > 0 || runbooks.some((r) => r.cadenceDays || r.lastExercise);
  if (!provable) reasons.push({ type: "no-proof", severity: "stale" });

  reasons.sort(compareReasons);
  const state = reasons.some((r) => r.severity === "failing") ? "failing" : reasons.length ? "stale" : "passing";
  return { ...base, state, reasons, notes };
}

const SEVERITY_ORDER = { failing: 0, stale: 1 } as const;

function compareReasons(a: Reason, b: Reason): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.type.localeCompare(b.type);
}

/** The kind inside a reason's sentence: the one label (lib/core/labels.ts), in lower case. */
export function kindLabel(kind: string): string {
  return evidenceKindNoun(kind);
}
