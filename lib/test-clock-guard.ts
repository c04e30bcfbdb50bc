// The test clock (PROOFLINE_TEST_CLOCK=1) lets a cookie move "now": anyone could then backdate what
// they record or skip ahead past a deadline. Production mode refuses it unless the test runner
// (scripts/test.ts, which runs the browser tests against `next start`) says it is a test run with
// PROOFLINE_TEST_RUNNER=1. No imports: next.config.ts loads it.

type EnvLike = Record<string, unknown>;

/** Whether requests may move the clock: only with the flag, and in production only under the test runner. */
export function testClockAllowed(e: EnvLike): boolean {
  if (e.PROOFLINE_TEST_CLOCK !== "1") return false;
  return e.NODE_ENV !== "production" || e.PROOFLINE_TEST_RUNNER === "1";
}

/** Why production mode must not start with this environment, or null. */
export function testClockProblem(e: EnvLike): string | null {
  if (e.PROOFLINE_TEST_CLOCK === "1" && e.PROOFLINE_TEST_RUNNER !== "1") {
    return "PROOFLINE_TEST_CLOCK=1 lets any request move the app's clock with a cookie; it is for the test runner only. Unset it.";
  }
  return null;
}
