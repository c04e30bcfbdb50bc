import { describe, expect, it } from "vitest";
import { resolveAsOf } from "@/lib/readiness/as-of";
import { InvalidInputError } from "@/lib/errors";

const NOW = new Date("2026-11-20T10:30:00.000Z");

describe("as-of values", () => {
  it("a past date means the end of that UTC day; today means now; nothing means now", () => {
    expect(resolveAsOf("2026-10-03", NOW)).toEqual(new Date("2026-10-03T23:59:59.999Z"));
    expect(resolveAsOf("2026-11-20", NOW)).toEqual(NOW);
    expect(resolveAsOf(undefined, NOW)).toEqual(NOW);
    expect(resolveAsOf("2026-11-19T08:00:00+02:00", NOW)).toEqual(new Date("2026-11-19T06:00:00Z"));
  });

  it("refuses the future, impossible dates and times without a zone, each with a sentence", () => {
    const message = (v: string) => {
      try {
        resolveAsOf(v, NOW);
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidInputError);
        return (err as Error).message;
      }
      throw new Error("not refused");
    };
    expect(message("2026-11-21")).toBe("Readiness as of 2026-11-21 is not known yet: choose today or an earlier date.");
    expect(message("2026-02-30")).toMatch(/^"2026-02-30" is not a date/);
    expect(message("2026-11-19T08:00")).toMatch(/is not a date/);
    expect(message("yesterday")).toMatch(/is not a date/);
  });
});
