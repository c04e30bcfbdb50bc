import { cookies } from "next/headers";
import { env } from "@/lib/env";

export const TEST_CLOCK_COOKIE = "proofline-test-clock";

/**
 * "Now" for a request. In end-to-end tests (PROOFLINE_TEST_CLOCK=1 only) a cookie can move the clock,
 * so that tests can watch things become due or overdue. Everywhere else it is the real time.
 * Domain functions never read the clock themselves: they take `now` in their options.
 */
export async function requestNow(): Promise<Date> {
  if (env().PROOFLINE_TEST_CLOCK === "1") {
    const value = (await cookies()).get(TEST_CLOCK_COOKIE)?.value;
    const parsed = value ? new Date(value) : null;
    if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  }
  return new Date();
}
