// What holds readiness back, ranked (pure). One entry per cause (a failed run, an open blocker, an
// overdue runbook, a missing kind of evidence), with every control and unmet requirement it touches.
import { describeReason, reasonCauseKey } from "@/lib/readiness/describe-reason";
import type { Reason, ReadinessResult } from "@/lib/readiness/types";
import { countOf } from "@/lib/format";

export interface Holdback {
  causeKey: string;
  severity: "failing" | "stale";
  /** "CC8.1 failing: release-check failed on main 2 days ago" */
  sentence: string;
  reason: Reason;
  controls: Array<{ id: string; key: string }>;
  requirements: Array<{ framework: string; refId: string }>;
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * Ranked failing before stale (something broke before proof is missing or old), then by how many
 * unmet requirements the cause holds back, then how many controls it touches, then cause key (so the
 * order is stable).
 */
export function rankHoldbacks(result: ReadinessResult): Holdback[] {
  const byCause = new Map<string, Holdback>();
  const blocking = new Map<string, Array<{ framework: string; refId: string }>>();
  for (const fw of result.frameworks) {
    for (const req of fw.requirements) {
      for (const id of req.blockingControlIds) {
        const list = blocking.get(id) ?? [];
        list.push({ framework: fw.key, refId: req.refId });
        blocking.set(id, list);
      }
    }
  }
  for (const c of result.controls) {
    if (c.state !== "failing" && c.state !== "stale") continue;
    for (const reason of c.reasons) {
      const key = reasonCauseKey(reason);
      let h = byCause.get(key);
      if (!h) {
        h = { causeKey: key, severity: reason.severity, sentence: "", reason, controls: [], requirements: [] };
        byCause.set(key, h);
      }
      h.controls.push({ id: c.id, key: c.key });
      for (const req of blocking.get(c.id) ?? []) {
        if (!h.requirements.some((r) => r.framework === req.framework && r.refId === req.refId))
          h.requirements.push(req);
      }
    }
  }
  const out = [...byCause.values()];
  for (const h of out) h.sentence = holdbackSentence(h, result.at);
  return out.sort(compareHoldbacks);
}

/**
 * The holdback as a sentence about the moment `at` (a failure "2 days ago"). The ranking does not
 * depend on `at`; the sentence may, so a holdback kept for later is worded again for the moment shown.
 */
export function holdbackSentence(
  h: Pick<Holdback, "severity" | "reason" | "controls" | "requirements">,
  at: Date,
): string {
  const refs = [...new Set(h.requirements.map((r) => r.refId))];
  const verb = h.severity === "failing" ? "failing" : "stale";
  const subject =
    refs.length > 0 && refs.length <= 2 ? `${list(refs)} ${verb}` : `${countOf(h.controls.length, "control")} ${verb}`;
  return `${subject}: ${describeReason(h.reason, at)}`;
}

export function compareHoldbacks(a: Holdback, b: Holdback): number {
  return (
    (a.severity === b.severity ? 0 : a.severity === "failing" ? -1 : 1) ||
    b.requirements.length - a.requirements.length ||
    b.controls.length - a.controls.length ||
    a.causeKey.localeCompare(b.causeKey)
  );
}
