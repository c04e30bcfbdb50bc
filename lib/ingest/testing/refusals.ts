import { expect } from "vitest";
import { IngestRefusal } from "@/lib/core/http/refusal";

/** The IngestRefusal a promise rejects with (failing the test if it resolves or rejects with anything else). */
export async function refusal(p: Promise<unknown>): Promise<IngestRefusal> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestRefusal);
  return err as IngestRefusal;
}

/** The IngestRefusal a synchronous parse throws. */
export function refused(fn: () => unknown): IngestRefusal {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(IngestRefusal);
    return err as IngestRefusal;
  }
  throw new Error("expected a refusal");
}
