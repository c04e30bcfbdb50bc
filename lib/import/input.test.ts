// Bad input is refused with a sentence that says what was wrong.
import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/import/parse-document";
import { DEFAULT_MAX_IMPORT_BYTES, ImportRefusal, firstInvalidUtf8 } from "@/lib/import/input";

function refusal(input: Uint8Array | string, opts: Parameters<typeof parseDocument>[1] = {}): ImportRefusal {
  try {
    parseDocument(input, opts);
  } catch (err) {
    if (err instanceof ImportRefusal) return err;
    throw err;
  }
  throw new Error("expected the document to be refused");
}

describe("bad input", () => {
  it("refuses a binary file by its signature or its NUL bytes", () => {
    const png = refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), {
      filename: "shot.png",
    });
    expect(png.code).toBe("binary");
    expect(png.message).toBe(
      '"shot.png" looks like a PNG image, not a text document. Export it as Markdown, reStructuredText or plain text first.',
    );
    const nul = refusal(new Uint8Array([0x23, 0x20, 0x41, 0x00, 0x42]));
    expect(nul.message).toBe(
      "The document contains NUL bytes (the first at byte 4), so it is a binary file, not a text document.",
    );
  });

  it("refuses a file over the limit, 5 MB unless configured", () => {
    expect(DEFAULT_MAX_IMPORT_BYTES).toBe(5 * 1024 * 1024);
    const big = refusal(new Uint8Array(DEFAULT_MAX_IMPORT_BYTES + 1).fill(0x61));
    expect(big.code).toBe("too-large");
    expect(big.message).toMatch(/^The document is 5 MB; the limit is 5 MB\./);
    expect(refusal("# T\n\n- item\n", { maxBytes: 8 }).message).toMatch(/is 12 bytes; the limit is 8 bytes/);
  });

  it("refuses invalid UTF-8, naming where it breaks", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("# Plan\n\n- caf"), 0xe9, 0x0a]);
    expect(firstInvalidUtf8(bytes)).toBe(13);
    const err = refusal(bytes, { filename: "plan.md" });
    expect(err.code).toBe("invalid-utf8");
    expect(err.message).toBe(
      '"plan.md" is not valid UTF-8 (the first bad byte is at offset 13, line 3). Save it as UTF-8 and import it again.',
    );
  });

  it("refuses a document with nothing to import", () => {
    expect(refusal("Just a thought, written down.\n").message).toMatch(
      /^Nothing to import from the document: it has no headings, lists, checklists or tables\./,
    );
    expect(refusal("# Notes\n\nSome prose.\n", { filename: "notes.md" }).message).toMatch(
      /it has 1 heading\(s\) but no list items/,
    );
    expect(refusal(new Uint8Array()).code).toBe("empty");
  });

  it("accepts a UTF-8 byte order mark", () => {
    const doc = parseDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("# T\n\n- one\n")]), {
      filename: "a.md",
    });
    expect(doc.title).toBe("T");
    expect(doc.items.map((i) => i.title)).toEqual(["one"]);
  });
});
