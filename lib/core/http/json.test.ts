import { describe, expect, it } from "vitest";
import { jsonResponse, jsonText } from "@/lib/core/http/json";

describe("jsonText", () => {
  it("writes a BigInt anywhere in the answer as its exact decimal string", () => {
    const big = 2n ** 64n + 1n;
    const value = { id: 7n, nested: [{ size: big, at: new Date("2026-12-07T00:00:00Z") }], plain: 1.5 };
    expect(JSON.parse(jsonText(value))).toEqual({
      id: "7",
      nested: [{ size: "18446744073709551617", at: "2026-12-07T00:00:00.000Z" }],
      plain: 1.5,
    });
  });

  it("writes an answer without BigInt exactly as JSON.stringify does", () => {
    const value = { a: [1, null, "x"], b: { c: undefined, d: new Date(0) }, e: "ü\u2028" };
    expect(jsonText(value)).toBe(JSON.stringify(value));
  });

  it("still refuses what JSON cannot write, with the original error", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonText(cyclic)).toThrow(/circular/);
    expect(() => jsonText({ n: 1n, cyclic })).toThrow(/circular/);
  });

  it("answers application/json unless told otherwise", async () => {
    const res = jsonResponse({ n: 2n }, { status: 201 });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.text()).toBe('{"n":"2"}');
  });
});
