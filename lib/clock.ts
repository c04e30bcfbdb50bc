import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { testClockAllowed } from "@/lib/test-clock-guard";

export const TEST_CLOCK_COOKIE = "proofline-test-clock";

/**
 * "Now" for a request. In end-to-end tests (PROOFLINE_TEST_CLOCK=1, and in production mode also
 * PROOFLINE_TEST_RUNNER=1, which only scripts/test.ts sets) a cookie can move the clock,
 * so that tests can watch things become due or overdue. Everywhere else it is the real time.
 * Domain functions never read the clock themselves: they take `now` in their options.
 */
export async function requestNow(): Promise<Date> {
  // In production only under the test runner (lib/test-clock-guard.ts); `next start` also refuses to boot otherwise.
  if (testClockAllowed(env())) {
    const value = (await cookies()).get(TEST_CLOCK_COOKIE)?.value;
    const parsed = value ? new Date(value) : null;
    if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  }
  return new Date();
}
