// Scores the importer against a hand-read expectation (the shape of ../shared/corpus/docs/expected.json):
// item count within the tolerance or the stated range, every expected runbook found (by title), the
// runbook count inside its range. Used by the corpus conformance test and `npm run test:import-corpus`.
import type { ParsedDocument } from "@/lib/import/types";

export interface CorpusExpectation {
  file: string;
  items: number;
  done: number;
  runbooks: Array<{ title: string; steps: number }>;
  tolerance: number;
  items_range?: [number, number];
  done_range?: [number, number];
  runbooks_range?: [number, number];
  steps_range?: [number, number];
}

export interface CorpusScore {
  file: string;
  items: { found: number; expected: string; ok: boolean };
  done: { found: number; expected: string; ok: boolean };
  runbooks: { found: number; expected: string; ok: boolean; missing: string[] };
  steps: { found: string; expected: string; ok: boolean };
  /** Empty when the document was refused; otherwise null. */
  refusal: string | null;
  pass: boolean;
}

const words = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .replace(/^runbook:\s*/, "")
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2),
  );

/** A found title matches an expected one when most of the expected words are in it. */
export function titlesMatch(expected: string, found: string): boolean {
  const e = words(expected);
  const f = words(found);
  if (!e.size) return false;
  let hit = 0;
  for (const w of e) if (f.has(w)) hit++;
  return hit / e.size >= 0.6;
}

const within = (n: number, target: number, tol: number, range?: [number, number]) =>
  (range ? n >= range[0] && n <= range[1] : false) || Math.abs(n - target) <= Math.floor(target * tol + 1e-9);
const show = (target: number, tol: number, range?: [number, number]) =>
  range ? `${target} (${range[0]}–${range[1]})` : tol ? `${target} ±${Math.round(tol * 100)}%` : `${target}`;

export function scoreDocument(
  exp: CorpusExpectation,
  doc: ParsedDocument | null,
  refusal: string | null = null,
): CorpusScore {
  const items = doc?.items.length ?? 0;
  const done = doc?.items.filter((i) => i.status === "DONE").length ?? 0;
  const found = doc?.runbooks ?? [];
  const pool = [...found];
  const missing: string[] = [];
  const stepPairs: Array<[number, number]> = [];
  for (const want of exp.runbooks) {
    let k = pool.findIndex((r) => titlesMatch(want.title, r.title));
    if (k < 0 && exp.runbooks.length === 1 && pool.length === 1) k = 0;
    if (k < 0) {
      missing.push(want.title);
      continue;
    }
    stepPairs.push([pool[k].steps.length, want.steps]);
    pool.splice(k, 1);
  }
  const rbRange = exp.runbooks_range ?? [exp.runbooks.length, exp.runbooks.length];
  const runbooksOk = !missing.length && found.length >= rbRange[0] && found.length <= rbRange[1];
  const stepsOk = stepPairs.every(([n, want]) =>
    within(n, want, exp.tolerance, exp.runbooks.length === 1 ? exp.steps_range : undefined),
  );
  const itemsOk = within(items, exp.items, exp.tolerance, exp.items_range);
  const doneOk = within(done, exp.done, exp.tolerance, exp.done_range);
  return {
    file: exp.file,
    items: { found: items, expected: show(exp.items, exp.tolerance, exp.items_range), ok: itemsOk },
    done: { found: done, expected: show(exp.done, exp.tolerance, exp.done_range), ok: doneOk },
    runbooks: {
      found: found.length,
      expected: exp.runbooks_range ? `${exp.runbooks.length} (${rbRange[0]}–${rbRange[1]})` : `${exp.runbooks.length}`,
      ok: runbooksOk,
      missing,
    },
    steps: {
      found: stepPairs.map(([n]) => n).join("/") || "–",
      expected: exp.runbooks.map((r) => r.steps).join("/") || "–",
      ok: stepsOk,
    },
    refusal,
    pass: itemsOk && runbooksOk,
  };
}

const mark = (ok: boolean) => (ok ? "ok" : "NO");

/** The table `npm run test:import-corpus` prints. */
export function formatScoreTable(scores: CorpusScore[]): string {
  const rows = scores.map((s) => [
    s.file.length > 48 ? `${s.file.slice(0, 47)}…` : s.file,
    `${s.items.found} / ${s.items.expected} ${mark(s.items.ok)}`,
    `${s.done.found} / ${s.done.expected} ${mark(s.done.ok)}`,
    `${s.runbooks.found} / ${s.runbooks.expected} ${mark(s.runbooks.ok)}`,
    `${s.steps.found} / ${s.steps.expected} ${mark(s.steps.ok)}`,
    s.pass ? "PASS" : s.refusal ? "FAIL (refused)" : "FAIL",
  ]);
  const head = ["document", "items found / expected", "done", "runbooks", "steps", "result"];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
  const passed = scores.filter((s) => s.pass).length;
  return [
    line(head),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
    "",
    `${passed}/${scores.length} documents pass (${Math.round((100 * passed) / Math.max(1, scores.length))}%; target 90%).`,
  ].join("\n");
}
