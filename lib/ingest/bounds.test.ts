import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/ingest/testing/refusals";
import type { ByteSource } from "@/lib/ingest/bytes";
import { assertJsonDepth, MAX_JSON_DEPTH, parseJson, TooDeeplyNested, type JsonValue } from "@/lib/ingest/exact-json";
import { parseJunit } from "@/lib/ingest/junit";
import { DEFAULT_LIMITS } from "@/lib/ingest/limits";
import { planParse, type BodyFile } from "@/lib/ingest/parse-body";
import { IngestRefusal } from "@/lib/core/http/refusal";
import { parseCycloneDx } from "@/lib/ingest/sbom";
import { XML_KEEP_CHARS, XmlClipper } from "@/lib/ingest/xml-clip";
import { toProblem } from "@/lib/core/http/problem";

// Attacks on the parsers' memory and stack: documents nested 100,000 levels deep, and comments,
// CDATA sections, failure texts and attribute values of tens of megabytes, streamed. Memory is
// checked as the growth of the heap while the parser runs (sampled as the body is read), against a
// bound far below the size of the attack and far above what the parser needs.

const MB = 1024 * 1024;

function body(text: string): BodyFile {
  const buf = Buffer.from(text);
  return {
    size: buf.byteLength,
    async *open() {
      for (let i = 0; i < buf.byteLength; i += 64 * 1024) yield buf.subarray(i, i + 64 * 1024);
    },
  };
}

describe("nesting is bounded: refused with a problem, never a stack overflow", () => {
  const deep = (levels: number, open: string, close: string, inner = "1") =>
    `${open.repeat(levels)}${inner}${close.repeat(levels)}`;

  it("refuses a CycloneDX SBOM whose components nest 100,000 levels deep with 422 too-deeply-nested", async () => {
    const levels = 100_000;
    const text = `{"bomFormat":"CycloneDX","specVersion":"1.5","components":${deep(levels, '[{"type":"library","name":"x","components":', "}]", "[]")}}`;
    const err = await refusal(planParse({ body: body(text), limits: DEFAULT_LIMITS, auditMapping: null }));
    expect(err).toBeInstanceOf(TooDeeplyNested);
    expect(toProblem(err)).toMatchObject({ status: 422, type: "urn:proofline:problem:too-deeply-nested" });
    expect(err.message).toMatch(/more than 512 levels deep/);
  });

  it("refuses deep arrays in JSON Lines and in documents with exact (BigInt) numbers the same way", async () => {
    const line = deep(100_000, "[", "]");
    const err = await refusal(
      planParse({
        body: body(`${line}\n${JSON.stringify({ type: "x" })}\n`),
        limits: DEFAULT_LIMITS,
        auditMapping: null,
      }),
    );
    expect(err.code).toBe("too-deeply-nested");
    expect(err.message).toMatch(/^Line 1 nests/);
    expect(() => parseJson(`{"id":12345678901234567890,"x":${deep(100_000, "[", "]")}}`)).toThrow(TooDeeplyNested);
  });

  it("counts depth outside strings only, and accepts documents up to the limit", () => {
    expect(() => assertJsonDepth(`{"a":"${"[".repeat(100_000)}"}`)).not.toThrow();
    expect(() => assertJsonDepth(`["\\"${"{".repeat(10)}", ${deep(MAX_JSON_DEPTH - 1, "[", "]")}]`)).not.toThrow();
    expect(() => assertJsonDepth(deep(MAX_JSON_DEPTH + 1, "[", "]"))).toThrow(TooDeeplyNested);
    expect(parseJson(deep(MAX_JSON_DEPTH, "[", "]"))).toBeTruthy();
  });

  it("walks nested components without recursion: 100,000 levels built in memory are all counted", () => {
    let components: JsonValue = [];
    for (let i = 0; i < 100_000; i++) components = [{ type: "library", name: `c${i}`, components }];
    const parsed = parseCycloneDx({ bomFormat: "CycloneDX", specVersion: "1.5", components, services: [] });
    expect(parsed.summary).toMatchObject({ components: 100_000 });
  });
});

/** A JUnit report streamed in 64 KB pieces, with `size` characters of `fill` between `before` and `after`. */
function* report(before: string, fill: string, size: number, after: string): Generator<Uint8Array> {
  yield Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="big">\n<testsuite name="s" tests="2">\n<testcase name="ok"/>\n${before}`,
  );
  const piece = Buffer.from(fill.repeat(Math.ceil((64 * 1024) / fill.length)));
  for (let sent = 0; sent < size; sent += piece.byteLength) yield piece;
  yield Buffer.from(`${after}\n</testsuite>\n</testsuites>\n`);
}

/** Parses the streamed report and reports the heap's growth at its highest while reading. */
async function parseMeasured(chunks: Iterable<Uint8Array>) {
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  async function* source(): ByteSource {
    for (const chunk of chunks) {
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      yield chunk;
    }
  }
  const parsed = await parseJunit(source());
  return { parsed, peakMb: peak / MB };
}

describe("XML kept per node is bounded: comments, CDATA, failure text and attributes", () => {
  const SIZE = 96 * MB;
  const BOUND_MB = 48; // the attack is twice this; the parser needs a few MB

  it("a 96 MB comment", async () => {
    const { parsed, peakMb } = await parseMeasured(report("<!--", "comment ", SIZE, '-->\n<testcase name="after"/>'));
    expect(peakMb).toBeLessThan(BOUND_MB);
    expect(parsed.summary).toMatchObject({ tests: 2, passed: 2, charactersLeftOut: { comment: expect.any(Number) } });
    expect((parsed.summary as { charactersLeftOut: { comment: number } }).charactersLeftOut.comment).toBeGreaterThan(
      SIZE - XML_KEEP_CHARS - 1,
    );
  });

  it("a 96 MB CDATA section inside <failure>", async () => {
    const { parsed, peakMb } = await parseMeasured(
      report('<testcase name="bad"><failure message="boom"><![CDATA[', "trace at x ", SIZE, "]]></failure></testcase>"),
    );
    expect(peakMb).toBeLessThan(BOUND_MB);
    const summary = parsed.summary as { failures: Array<{ detail: string }>; charactersLeftOut: { cdata: number } };
    expect(parsed.outcome).toBe("FAIL");
    expect(summary.failures[0].detail.startsWith("trace at x trace at x")).toBe(true);
    expect(summary.failures[0].detail.length).toBeLessThan(5_000);
    expect(summary.charactersLeftOut.cdata).toBeGreaterThan(SIZE - XML_KEEP_CHARS - 1);
  });

  it("96 MB of text inside <failure>, with entities", async () => {
    const { parsed, peakMb } = await parseMeasured(
      report('<testcase name="bad"><failure message="boom">', "a &lt; b &amp;&amp; c ", SIZE, "</failure></testcase>"),
    );
    expect(peakMb).toBeLessThan(BOUND_MB);
    const summary = parsed.summary as { failures: Array<{ detail: string }>; charactersLeftOut: { text: number } };
    expect(summary.failures[0].detail.startsWith("a < b && c a < b && c")).toBe(true);
    expect(summary.charactersLeftOut.text).toBeGreaterThan(SIZE - XML_KEEP_CHARS - 1);
  });

  it("a 96 MB attribute value (the failure message)", async () => {
    const { parsed, peakMb } = await parseMeasured(
      report('<testcase name="bad"><failure message="', "x&amp;y ", SIZE, '">short</failure></testcase>'),
    );
    expect(peakMb).toBeLessThan(BOUND_MB);
    const summary = parsed.summary as {
      failures: Array<{ message: string }>;
      charactersLeftOut: { attribute: number };
    };
    expect(summary.failures[0].message.startsWith("x&y x&y")).toBe(true);
    expect(summary.charactersLeftOut.attribute).toBeGreaterThan(SIZE - XML_KEEP_CHARS - 1);
  });

  it("refuses a DOCTYPE as soon as it starts, before reading it", async () => {
    let pieces = 0;
    async function* doctype(): ByteSource {
      yield Buffer.from('<?xml version="1.0"?>\n<!DOCTYPE testsuites [');
      for (; pieces < 10_000; pieces++) yield Buffer.from('<!ENTITY a "bbbbbbbbbbbbbbbbbbbb">'.repeat(100));
    }
    const err = await refusal(parseJunit(doctype()));
    expect(err.reason).toBe("doctype-refused");
    expect(pieces).toBe(0); // refused on the first piece, not after reading (and keeping) the DTD
  });
});

describe("XmlClipper keeps well-formed documents well-formed", () => {
  /** Every node's content as saxes reports it. */
  function read(xml: string): string[] {
    const out: string[] = [];
    const p = new SaxesParser();
    p.on("text", (t) => out.push(`text:${t}`));
    p.on("comment", (t) => out.push(`comment:${t}`));
    p.on("cdata", (t) => out.push(`cdata:${t}`));
    p.on("processinginstruction", (t) => out.push(`pi:${t.target}:${t.body}`));
    p.on("opentag", (t) => out.push(`open:${t.name}:${JSON.stringify(t.attributes)}`));
    p.write(xml).close();
    return out;
  }
  function clip(xml: string, keep: number, chunk: number): string {
    const c = new XmlClipper(keep);
    let out = "";
    for (let i = 0; i < xml.length; i += chunk) out += c.push(xml.slice(i, i + chunk));
    return out + c.end();
  }

  const DOCS = [
    `<?xml version="1.0"?><a x="1 &amp; 2 &lt; 3" y='q"q'><!-- a - comment - --><![CDATA[ ]] ]]] x]]><b>t &amp;&amp; u &#x41;&#65;</b><?pi some body??></a>`,
    `<r><!----><![CDATA[]]><c a=""/>text---&gt;&gt;<!-- -x- --></r>`,
    `<r>${"&amp;".repeat(50)}<![CDATA[${"]".repeat(20)}]]><!--${"-x".repeat(20)}--></r>`,
  ];

  it("parses every clipped document, at every keep size and chunk size, with each node a prefix of the original (entity references never cut)", () => {
    for (const doc of DOCS) {
      for (const keep of [0, 1, 2, 3, 5, 8, 13, 1000]) {
        for (const chunk of [1, 2, 3, 7, 64, 10_000]) {
          // a text run cut to nothing (or to before an entity reference) gives no text node at all
          const all = read(clip(doc, keep, chunk));
          const texts = read(doc).filter((n) => n.startsWith("text:"));
          for (const t of all.filter((n) => n.startsWith("text:")))
            expect(
              texts.some((w) => w.startsWith(t)),
              t,
            ).toBe(true);
          const clipped = all.filter((n) => !n.startsWith("text:"));
          const whole = read(doc).filter((n) => !n.startsWith("text:"));
          expect(clipped.length, `${doc} keep ${keep} chunk ${chunk}`).toBe(whole.length);
          clipped.forEach((node, k) => {
            if (!node.startsWith("open:")) expect(whole[k].startsWith(node), `${node} / ${whole[k]}`).toBe(true);
            else {
              const [name, attrs] = [
                node.slice(0, node.indexOf("{")),
                JSON.parse(node.slice(node.indexOf("{"))) as Record<string, string>,
              ];
              const full = JSON.parse(whole[k].slice(whole[k].indexOf("{"))) as Record<string, string>;
              expect(whole[k].startsWith(name)).toBe(true);
              for (const [key, v] of Object.entries(full))
                expect(v.startsWith(attrs[key]), `${key}: ${attrs[key]} / ${v}`).toBe(true);
            }
          });
        }
      }
      expect(clip(doc, 1000, 1)).toBe(doc); // under the limit nothing changes
    }
  });

  it("refuses a start tag longer than its limit", () => {
    const c = new XmlClipper(100, 1000);
    expect(() => c.push(`<testsuite ${'a="b" '.repeat(500)}>`)).toThrow(IngestRefusal);
  });
});
