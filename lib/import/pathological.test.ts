import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CASES } from "@/lib/import/testing/pathological-cases";
import { GuardedRunner } from "@/lib/import/testing/guarded-runner";

// Every pattern the importer and the filing rules apply to user input, attacked with the inputs that
// make backtracking patterns super-linear. Each case runs at n and at 8n characters on a worker
// thread. Linear code answers both in milliseconds; a quadratic pattern needs minutes at 8n and a
// cubic one far longer, so the hang guard (well above any linear run, even on a loaded machine)
// fails it. The answer must also be right at both sizes.
const N = Number(process.env.PATHOLOGICAL_N ?? 100_000);
const GUARD_MS = 20_000;
const runner = new GuardedRunner(path.resolve("lib/import/testing/pathological-cases.ts"), GUARD_MS);
afterAll(() => runner.stop());

describe("pathological input is read in linear time", () => {
  for (const c of CASES) {
    it(c.name, { timeout: 3 * GUARD_MS + 30_000 }, async () => {
      expect(await runner.run(c.name, N)).toEqual(c.expected(N));
      expect(await runner.run(c.name, 8 * N)).toEqual(c.expected(8 * N));
    });
  }
});
