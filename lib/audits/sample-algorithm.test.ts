import { describe, expect, it } from "vitest";
import { samplePositions, seededStream, uniformBelow } from "@/lib/audits/sample-algorithm";

describe("seeded sampling", () => {
  it("draws the same positions for the same seed and population, and different ones for another seed", () => {
    const a = samplePositions(10_000, 25, "q3-privileged-changes");
    expect(samplePositions(10_000, 25, "q3-privileged-changes")).toEqual(a);
    expect(samplePositions(10_000, 25, "q3-privileged-changes-2")).not.toEqual(a);
  });

  it("draws distinct positions inside the population, and can take all of it", () => {
    const s = samplePositions(500, 120, "seed");
    expect(new Set(s).size).toBe(120);
    expect(s.every((p) => Number.isInteger(p) && p >= 0 && p < 500)).toBe(true);
    expect([...samplePositions(40, 40, "all")].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("pins the first values of the documented procedure (so a change of algorithm cannot pass unnoticed)", () => {
    // HMAC-SHA256(key "abc", 0 as 8-byte big-endian), first word: computed independently with openssl:
    // printf '\0\0\0\0\0\0\0\0' | openssl dgst -sha256 -hmac abc
    const first = seededStream("abc").next().value;
    expect(first.toString(16).padStart(8, "0")).toBe(EXPECTED_FIRST_WORD);
    expect(samplePositions(1, 1, "anything")).toEqual([0]);
  });

  it("is close to uniform over many draws", () => {
    const counts = new Array(10).fill(0);
    const stream = seededStream("uniformity");
    for (let i = 0; i < 100_000; i++) counts[uniformBelow(stream, 10)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it("refuses a sample larger than the population", () => {
    expect(() => samplePositions(3, 4, "x")).toThrow(/cannot draw 4 from 3/);
  });
});

const EXPECTED_FIRST_WORD = "78199de3";
