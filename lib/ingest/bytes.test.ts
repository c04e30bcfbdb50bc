import { describe, expect, it } from "vitest";
import { bytesOf, decodeUtf8, readDocument, readLines, type ByteSource } from "@/lib/ingest/bytes";
import { parseJson, toJsonSafe } from "@/lib/ingest/exact-json";
import { parseTime } from "@/lib/ingest/time";
import { IngestRefusal } from "@/lib/core/http/refusal";

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function refusalOf(p: Promise<unknown>): Promise<IngestRefusal> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestRefusal);
  return err as IngestRefusal;
}

describe("reading bodies", () => {
  it("splits lines across chunk boundaries, with CRLF, a BOM and multi-byte characters cut in half", async () => {
    const text = "\ufeffone\r\ntwo ünïcödé 𒍺\n\nlast";
    for (const size of [1, 2, 3, 5, 64]) {
      const lines = await collect(readLines(bytesOf(text, size), 100));
      expect(lines).toEqual([
        { lineNo: 1, text: "one" },
        { lineNo: 2, text: "two ünïcödé 𒍺" },
        { lineNo: 3, text: "" },
        { lineNo: 4, text: "last" },
      ]);
    }
  });

  it("refuses a line over the limit, even without a newline, before decoding it", async () => {
    const err = await refusalOf(collect(readLines(bytesOf(`ok\n${"x".repeat(101)}\nok`, 7), 100)));
    expect([err.reason, err.status, err.message]).toEqual([
      "line-too-long",
      413,
      "Line 2 is longer than 100 bytes. Each line must be one record of at most that size.",
    ]);
    expect((await refusalOf(collect(readLines(bytesOf("y".repeat(500), 64), 100)))).reason).toBe("line-too-long");
  });

  it("refuses invalid UTF-8 in lines, documents and streamed text", async () => {
    const bad = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]);
    expect((await refusalOf(collect(readLines(bytesOf(bad), 1000)))).reason).toBe("invalid-utf8");
    expect((await refusalOf(readDocument(bytesOf(bad), 1000))).reason).toBe("invalid-utf8");
    expect((await refusalOf(collect(decodeUtf8(bytesOf(bad, 3))))).reason).toBe("invalid-utf8");
    // A character cut off at the very end.
    expect((await refusalOf(collect(decodeUtf8(bytesOf(Buffer.from([0x61, 0xe2, 0x82])))))).reason).toBe(
      "invalid-utf8",
    );
  });

  it("refuses a document over its limit while reading, not after", async () => {
    let pulled = 0;
    async function* endless(): ByteSource {
      for (;;) {
        pulled++;
        yield Buffer.alloc(1024, 0x20);
      }
    }
    const err = await refusalOf(readDocument(endless(), 10 * 1024));
    expect(err.reason).toBe("document-too-large");
    expect(pulled).toBe(11);
  });
});

describe("exact JSON", () => {
  it("keeps integers past 2^53 exact and leaves safe numbers alone", () => {
    const v = parseJson(
      '{"big": 9007199254740993, "neg": -123456789012345678901, "safe": 9007199254740991, "f": 1.5e300, "s": "12345678901234567890", "a": [1, {"b": null}]}',
    ) as Record<string, unknown>;
    expect(v.big).toBe(9007199254740993n);
    expect(v.neg).toBe(-123456789012345678901n);
    expect(v.safe).toBe(9007199254740991);
    expect(v.f).toBe(1.5e300);
    expect(v.s).toBe("12345678901234567890");
    expect(v.a).toEqual([1, { b: null }]);
    expect(toJsonSafe(v)).toMatchObject({ big: "9007199254740993", neg: "-123456789012345678901" });
  });

  it("decodes escapes in the exact path the way JSON.parse does", () => {
    const s = '{"n": 12345678901234567890, "t": "tab\\there \\"q\\" \\u00e9 \\ud83d\\ude00"}';
    expect((parseJson(s) as { t: string }).t).toBe(JSON.parse(s.replace("12345678901234567890", "0")).t);
  });

  it("tells truncated JSON from malformed JSON, on both paths", () => {
    // Fast path (no long digit runs): JSON.parse.
    expect(() => parseJson('{"a": [1, 2')).toThrow(expect.objectContaining({ reason: "truncated" }));
    expect(() => parseJson('{"a": "unfinished')).toThrow(expect.objectContaining({ reason: "truncated" }));
    expect(() => parseJson('{"a": tru}')).toThrow(expect.objectContaining({ reason: "malformed-json" }));
    // Exact path (a long digit run forces the BigInt-preserving parser).
    expect(() => parseJson('{"n": 12345678901234567890, "a": [1, 2')).toThrow(
      expect.objectContaining({ reason: "truncated" }),
    );
    expect(() => parseJson('{"n": 12345678901234567890, "a": nope}')).toThrow(
      expect.objectContaining({ reason: "malformed-json" }),
    );
    expect(() => parseJson('{"n": 12345678901234567890} extra')).toThrow(
      expect.objectContaining({ reason: "malformed-json" }),
    );
    expect(() => parseJson("   ")).toThrow(expect.objectContaining({ reason: "empty-body" }));
  });
});

describe("timestamps", () => {
  it("reads ISO 8601 with and without zones, extra fractions, and epoch seconds or milliseconds", () => {
    expect(parseTime("2020-09-01T07:11:23.815873")?.toISOString()).toBe("2020-09-01T07:11:23.815Z");
    expect(parseTime("2022-10-13T16:53:32-05:00")?.toISOString()).toBe("2022-10-13T21:53:32.000Z");
    expect(parseTime("2026-03-01 11:00:00.000000001Z")?.toISOString()).toBe("2026-03-01T11:00:00.000Z");
    expect(parseTime(1772442010)?.toISOString()).toBe("2026-03-02T09:00:10.000Z");
    expect(parseTime("1772442010123")?.toISOString()).toBe("2026-03-02T09:00:10.123Z");
    expect(parseTime("Sun 13 Jul 2025 11:53:37 UTC")?.toISOString()).toBe("2025-07-13T11:53:37.000Z");
    expect(parseTime("yesterday")).toBeUndefined();
    expect(parseTime("1700-01-01T00:00:00Z")).toBeUndefined();
  });
});
