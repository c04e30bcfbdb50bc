import { toCsv } from "@/lib/core/http/csv";
import { describeReason, STATE_LABELS, STATUS_LABELS } from "@/lib/readiness/describe-reason";
import type { ReadinessResult } from "@/lib/readiness/types";

export const READINESS_CSV_HEADER = [
  "framework",
  "family",
  "requirement",
  "title",
  "status",
  "controls",
  "reasons",
  "as_of",
];

/**
 * One row per scored requirement of each framework: its status, the controls that decide it with
 * their states, and the reasons of those holding it back (or the note, when no control decides it).
 */
export function readinessCsv(result: ReadinessResult): string {
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  const rows: string[][] = [];
  for (const fw of result.frameworks) {
    const families = new Map(fw.families.map((f) => [f.id, f.refId]));
    for (const r of fw.requirements) {
      if (r.status === "group") continue;
      const deciding = r.controlIds.map((id) => controls.get(id)!).filter(Boolean);
      const reasons = r.blockingControlIds.flatMap((id) => {
        const c = controls.get(id)!;
        return c.reasons.map((reason) => `${c.key}: ${describeReason(reason, result.at)}`);
      });
      rows.push([
        fw.key,
        r.familyId ? (families.get(r.familyId) ?? "") : "",
        r.refId,
        r.title,
        STATUS_LABELS[r.status],
        deciding.map((c) => `${c.key} (${STATE_LABELS[c.state].toLowerCase()})`).join("; "),
        (reasons.length ? reasons : r.note ? [r.note] : []).join("; "),
        result.at.toISOString(),
      ]);
    }
  }
  // Titles, notes and reasons carry text from imported documents and evidence: neutralised like every CSV.
  return toCsv(READINESS_CSV_HEADER, rows);
}
