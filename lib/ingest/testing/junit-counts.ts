import { expect } from "vitest";
import type { ParsedEvidence } from "@/lib/ingest/types";

export interface JunitWant {
  tests: number;
  failed: number;
  errored: number;
  skipped: number;
  outcome: string;
  disagree?: boolean;
}

/** A parsed JUnit report holds these counts, its passed tests are the rest, and it is a test report. */
export function expectJunitCounts(r: ParsedEvidence, want: JunitWant): void {
  const s = r.summary as Record<string, unknown>;
  expect({ tests: s.tests, failed: s.failed, errored: s.errored, skipped: s.skipped, outcome: r.outcome }).toEqual({
    tests: want.tests,
    failed: want.failed,
    errored: want.errored,
    skipped: want.skipped,
    outcome: want.outcome,
  });
  expect(s.passed).toBe(want.tests - want.failed - want.errored - want.skipped);
  expect(s.countsDisagree).toBe(want.disagree ?? false);
  expect(r.kind).toBe("TEST_REPORT");
}
