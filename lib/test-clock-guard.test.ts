import { describe, expect, it } from "vitest";
import { testClockAllowed, testClockProblem } from "@/lib/test-clock-guard";

describe("test clock guard", () => {
  it("refuses the test clock in a production deployment", () => {
    expect(testClockProblem({ NODE_ENV: "production", PROOFLINE_TEST_CLOCK: "1" })).toMatch(/test runner only/);
    expect(testClockAllowed({ NODE_ENV: "production", PROOFLINE_TEST_CLOCK: "1" })).toBe(false);
    expect(testClockAllowed({ NODE_ENV: "production", PROOFLINE_TEST_CLOCK: "1", PROOFLINE_TEST_RUNNER: "0" })).toBe(
      false,
    );
  });
  it("allows it to the test runner's production build, and in development", () => {
    expect(
      testClockProblem({ NODE_ENV: "production", PROOFLINE_TEST_CLOCK: "1", PROOFLINE_TEST_RUNNER: "1" }),
    ).toBeNull();
    expect(testClockAllowed({ NODE_ENV: "production", PROOFLINE_TEST_CLOCK: "1", PROOFLINE_TEST_RUNNER: "1" })).toBe(
      true,
    );
    expect(testClockAllowed({ NODE_ENV: "development", PROOFLINE_TEST_CLOCK: "1" })).toBe(true);
  });
  it("is off unless asked for", () => {
    expect(testClockProblem({ NODE_ENV: "production" })).toBeNull();
    expect(testClockAllowed({ NODE_ENV: "development" })).toBe(false);
    expect(testClockAllowed({ NODE_ENV: "production", PROOFLINE_TEST_RUNNER: "1" })).toBe(false);
  });
});
