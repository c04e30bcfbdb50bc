import { IngestRefusal, refuse } from "@/lib/core/http/refusal";

// JSON.parse turns integers past 2^53 into the nearest double (9007199254740993 -> ...992). Tool
// output carries such numbers (advisory ids, account ids, byte counts), so documents that contain a
// long run of digits are parsed here instead, keeping those integers exact as BigInt.

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

const LONG_DIGITS = /\d{16,}/;

/**
 * Arrays and objects nested deeper than this are refused before parsing. JSON.parse itself copes with
 * any depth, but every walk over the result (ours, JSON.stringify, structured clone) recurses, and a
 * CycloneDX file nested 100,000 levels deep overflowed the stack (a 500). No real report nests past a
 * few dozen levels.
 */
export const MAX_JSON_DEPTH = 512;

/** A JSON document (or line) nested deeper than MAX_JSON_DEPTH: 422, urn:proofline:problem:too-deeply-nested. */
export class TooDeeplyNested extends IngestRefusal {
  override readonly code = "too-deeply-nested";
  override readonly title = "Too deeply nested";
  constructor(message: string) {
    super("invalid-content", message);
  }
}

/**
 * Refuses JSON text whose arrays and objects nest deeper than `max`: one pass that skips strings, so
 * no parser or walk ever sees such a document.
 */
export function assertJsonDepth(text: string, what = "The body", max = MAX_JSON_DEPTH): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip the string (its escapes included)
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max)
        throw new TooDeeplyNested(
          `${what} nests arrays or objects more than ${max} levels deep (at character ${i + 1}); no report Proofline reads needs that.`,
        );
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** Parses JSON text, keeping integers beyond Number.MAX_SAFE_INTEGER exact (as BigInt). */
export function parseJson(text: string, what = "The body"): JsonValue {
  assertJsonDepth(text, what);
  if (!LONG_DIGITS.test(text)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch (err) {
      return jsonError(text, err as Error, what);
    }
  }
  return new ExactParser(text, what).document();
}

function jsonError(text: string, err: Error, what: string): never {
  if (text.trim() === "") refuse("empty-body", `${what} is empty.`);
  const at = /position (\d+)/.exec(err.message);
  if (/end of (JSON )?input|Unterminated string/i.test(err.message) || (at && Number(at[1]) >= text.trimEnd().length)) {
    refuse("truncated", `${what} ends before the JSON is complete (was the file cut off?).`);
  }
  refuse("malformed-json", `${what} is not valid JSON: ${err.message}.`);
}

class ExactParser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly s: string,
    private readonly what: string,
  ) {}

  document(): JsonValue {
    this.ws();
    if (this.i >= this.s.length) refuse("empty-body", `${this.what} is empty.`);
    const v = this.value();
    this.ws();
    if (this.i < this.s.length) this.fail("unexpected text after the end of the JSON value");
    return v;
  }

  private fail(message: string): never {
    if (this.i >= this.s.length)
      refuse("truncated", `${this.what} ends before the JSON is complete (was the file cut off?).`);
    refuse("malformed-json", `${this.what} is not valid JSON: ${message} at position ${this.i}.`);
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else break;
    }
  }

  private value(): JsonValue {
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(c === undefined ? "unexpected end" : `unexpected character ${JSON.stringify(c)}`);
  }

  private enter(): void {
    if (++this.depth > MAX_JSON_DEPTH)
      throw new TooDeeplyNested(`${this.what} nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep.`);
  }

  private object(): JsonValue {
    this.enter();
    this.i++;
    const out: Record<string, JsonValue> = {};
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail("expected a property name");
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ":") this.fail("expected ':'");
      this.i++;
      this.ws();
      out[key] = this.value();
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") break;
      if (c !== ",") {
        this.i--;
        this.fail("expected ',' or '}'");
      }
    }
    this.depth--;
    return out;
  }

  private array(): JsonValue {
    this.enter();
    this.i++;
    const out: JsonValue[] = [];
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") break;
      if (c !== ",") {
        this.i--;
        this.fail("expected ',' or ']'");
      }
    }
    this.depth--;
    return out;
  }

  private string(): string {
    const start = this.i;
    // Find the closing quote; let JSON.parse handle escapes in the slice.
    let j = start + 1;
    let escaped = false;
    for (; j < this.s.length; j++) {
      const c = this.s.charCodeAt(j);
      if (c === 0x5c) {
        escaped = true;
        j++;
      } else if (c === 0x22) break;
      else if (c < 0x20) {
        this.i = j;
        this.fail("control character in a string");
      }
    }
    if (j >= this.s.length) {
      this.i = this.s.length;
      this.fail("unterminated string");
    }
    this.i = j + 1;
    const raw = this.s.slice(start, j + 1);
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      this.i = start;
      return this.fail("invalid escape in a string");
    }
  }

  private number(): number | bigint {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) this.fail("invalid number");
    this.i += m[0].length;
    const n = Number(m[0]);
    if (!m[1] && !m[2] && !Number.isSafeInteger(n)) return BigInt(m[0]);
    return n;
  }
}

/** For storage in a JSON column: BigInt becomes its exact decimal string. */
export function toJsonSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

export function isObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const SPLIT = new Map<string, string[]>();

/** Reads a dotted path ("userIdentity.arn", "sourceIPs.0") from a parsed value. */
export function pick(v: unknown, path: string): JsonValue | undefined {
  let parts = SPLIT.get(path);
  if (!parts) {
    parts = path.split(".");
    if (SPLIT.size < 10_000) SPLIT.set(path, parts);
  }
  let cur: unknown = v;
  for (const part of parts) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur as JsonValue | undefined;
}

/** A scalar as text (numbers and BigInts exactly), or undefined for objects, arrays and null. */
export function text(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  return undefined;
}
