import { describe, expect, it } from "vitest";
import { importMaxBytes, ingestLimits } from "@/lib/limits";

describe("limits from the environment", () => {
  it("uses the defaults when nothing is set", () => {
    expect(importMaxBytes({})).toBe(5 * 1024 * 1024);
    expect(ingestLimits({})).toEqual({
      maxBodyBytes: 1024 ** 3,
      maxJsonDocumentBytes: 50 * 1024 ** 2,
      maxLineBytes: 1024 ** 2,
    });
  });

  it("takes each setting, and never lets a document or a line exceed the body limit", () => {
    expect(importMaxBytes({ IMPORT_MAX_BYTES: 10_000 })).toBe(10_000);
    expect(ingestLimits({ INGEST_MAX_BODY_BYTES: 20_000_000, INGEST_MAX_LINE_BYTES: 4096 })).toEqual({
      maxBodyBytes: 20_000_000,
      maxJsonDocumentBytes: 20_000_000,
      maxLineBytes: 4096,
    });
  });
});
