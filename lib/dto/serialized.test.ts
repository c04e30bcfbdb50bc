import { describe, expect, expectTypeOf, it } from "vitest";
import { jsonText } from "@/lib/core/http/json";
import { serialized, type ResponseOf, type Serialized } from "@/lib/dto/serialized";

interface ServerRow {
  id: string;
  at: Date;
  closedAt: Date | null;
  size: bigint;
  note?: string;
  tags: string[];
  nested: { when: Date; counts: Record<string, number> };
  history: Array<{ on: Date; by: string | null }>;
}

const row: ServerRow = {
  id: "r1",
  at: new Date("2026-03-01T10:00:00.000Z"),
  closedAt: null,
  size: 9007199254740993n,
  tags: ["a"],
  nested: { when: new Date("2026-03-02T00:00:00.000Z"), counts: { x: 1 } },
  history: [{ on: new Date("2026-03-03T12:30:00.000Z"), by: null }],
};

describe("Serialized", () => {
  it("types a Date as the string the browser parses out of a route's JSON", () => {
    const parsed = JSON.parse(jsonText(row)) as Serialized<ServerRow>;
    expect(parsed.at).toBe("2026-03-01T10:00:00.000Z");
    expect(typeof parsed.nested.when).toBe("string");
    expect(parsed.history[0].on).toBe("2026-03-03T12:30:00.000Z");
    expect(parsed.size).toBe("9007199254740993");
    expect(parsed.closedAt).toBeNull();
    expect("note" in parsed).toBe(false);

    expectTypeOf(parsed.at).toEqualTypeOf<string>();
    expectTypeOf(parsed.closedAt).toEqualTypeOf<string | null>();
    expectTypeOf(parsed.size).toEqualTypeOf<string>();
    expectTypeOf(parsed.note).toEqualTypeOf<string | undefined>();
    expectTypeOf(parsed.nested.when).toEqualTypeOf<string>();
    expectTypeOf(parsed.nested.counts).toEqualTypeOf<{ [x: string]: number }>();
    expectTypeOf(parsed.history).toEqualTypeOf<Array<{ on: string; by: string | null }>>();
  });

  it("reads the answer type off the server function a route returns", () => {
    type List = () => Promise<{ items: ServerRow[]; nextCursor: string | null }>;
    expectTypeOf<ResponseOf<List>["items"][number]["at"]>().toEqualTypeOf<string>();
    expectTypeOf<ResponseOf<List>["nextCursor"]>().toEqualTypeOf<string | null>();
  });
});

describe("serialized", () => {
  it("hands a server page's data over exactly as the route would answer it", () => {
    const value = serialized(row);
    expect(value).toEqual(JSON.parse(jsonText(row)));
    expect(value.nested.when).toBe("2026-03-02T00:00:00.000Z");
    expectTypeOf(value).toEqualTypeOf<Serialized<ServerRow>>();
  });
});
