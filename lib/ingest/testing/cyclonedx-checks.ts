import { expect } from "vitest";
import type { ParsedEvidence } from "@/lib/ingest/types";

// What every CycloneDX document of a shape must parse to, shared by the tests over our fixtures and
// the conformance tests over the shared corpus.

/** An SBOM of components: its summary holds `want`, it passes, and it is an SBOM. */
export function expectCycloneDxPasses(r: ParsedEvidence, want: Record<string, unknown>): void {
  expect(r.summary).toMatchObject(want);
  expect(r.outcome).toBe("PASS");
  expect(r.kind).toBe("SBOM");
}

/** A SaaSBOM: services instead of components, and it passes. */
export function expectSaasBom(r: ParsedEvidence, services: number): void {
  expect(r.summary).toMatchObject({ components: 0, services });
  expect(r.outcome).toBe("PASS");
}

/** A VEX document whose vulnerability statements are all not_affected: nothing open, and it passes. */
export function expectVexNothingOpen(r: ParsedEvidence, statements: number): void {
  expect(r.summary).toMatchObject({ components: 0, vulnerabilities: { total: statements, open: 0 } });
  expect(r.outcome).toBe("PASS");
  expect(r.outcomeReason).toMatch(new RegExp(`${statements} vulnerability statement`));
}
