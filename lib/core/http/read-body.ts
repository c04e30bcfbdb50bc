import { createHash } from "node:crypto";
import { Readable, Transform, pipeline } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createGunzip } from "node:zlib";
import { AppError, BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "@/lib/errors";
import type { ByteSource } from "@/lib/core/bytes";

// The one way a route reads a request body. API routes are outside the proxy's matcher, so the body
// arrives as the client's own stream (docs/adr/0007-request-bodies-bypass-the-proxy.md). This module
// reads it chunk by chunk and refuses it as soon as it is wrong:
//   - over the route's limit (413, before reading on), measured on the decoded bytes;
//   - shorter or longer than its Content-Length (400 body-length-mismatch);
//   - not matching its Content-Digest / Repr-Digest sha-256 (RFC 9530; 400 body-digest-mismatch);
//   - in a content coding other than gzip (415), or corrupt gzip (400 body-encoding-invalid).
// The length and digest are checked when the stream ends, before the last chunk is handed on as
// done: a caller that writes as it reads (the spool file) sees an error, never a quiet end.

export const JSON_BODY_LIMIT = 1024 * 1024;

/** A body that is not what its headers say it is (length, digest, coding). */
export class BodyRefusedError extends AppError {
  readonly title: string;
  constructor(
    readonly code:
      | "body-length-mismatch"
      | "body-digest-mismatch"
      | "body-digest-malformed"
      | "body-encoding-invalid"
      | "body-encoding-unsupported"
      | "body-incomplete",
    readonly status: 400 | 415,
    message: string,
  ) {
    super(message);
    this.title = TITLES[code];
  }
}

const TITLES: Record<BodyRefusedError["code"], string> = {
  "body-length-mismatch": "Body length does not match Content-Length",
  "body-digest-mismatch": "Body does not match its digest",
  "body-digest-malformed": "Malformed digest header",
  "body-encoding-invalid": "Body is not valid gzip",
  "body-encoding-unsupported": "Unsupported content encoding",
  "body-incomplete": "Body incomplete",
};

/** Messages for a body over its limit: declared too large up front, or found too large while reading. */
export interface BodyLimitMessages {
  declared: (bytes: number, limit: number) => string;
  passed: (limit: number) => string;
}

const BODY_LIMIT_MESSAGES: BodyLimitMessages = {
  declared: (bytes, limit) => `The body is ${bytes} bytes; the limit is ${limit}.`,
  passed: (limit) => `The body passes the limit of ${limit} bytes.`,
};

export interface BodyOptions {
  /** The most decoded bytes the route takes. */
  limit: number;
  /** The error for a body over the limit (default: 413 payload-too-large with the default messages). */
  tooLarge?: (declared: number | null, limit: number) => Error;
  /** Accept Content-Encoding: gzip and hand on the decompressed bytes (default true). */
  gzip?: boolean;
}

function defaultTooLarge(messages: BodyLimitMessages) {
  return (declared: number | null, limit: number) =>
    new PayloadTooLargeError(declared === null ? messages.passed(limit) : messages.declared(declared, limit));
}

/** Content-Length as a number, or null when absent (chunked). */
export function declaredLength(headers: Headers): number | null {
  const raw = headers.get("content-length");
  if (raw === null) return null;
  if (!/^\d{1,16}$/.test(raw.trim()))
    throw new BadRequestError(`Content-Length "${raw.slice(0, 40)}" is not a byte count.`);
  return Number(raw.trim());
}

function contentEncoding(headers: Headers, gzip: boolean): "identity" | "gzip" {
  const raw = (headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (raw === "" || raw === "identity") return "identity";
  if (gzip && (raw === "gzip" || raw === "x-gzip")) return "gzip";
  throw new BodyRefusedError(
    "body-encoding-unsupported",
    415,
    `Content-Encoding "${raw.slice(0, 40)}" is not accepted here${gzip ? "; send the bytes as they are, or gzip" : "; send the bytes as they are"}.`,
  );
}

/**
 * The sha-256 digests the sender states for the bytes it sends: Content-Digest and Repr-Digest
 * (RFC 9530, e.g. `sha-256=:<base64>:`). Other algorithms are ignored; a malformed header is refused.
 */
export function statedDigests(headers: Headers): Buffer[] {
  const out: Buffer[] = [];
  for (const name of ["content-digest", "repr-digest"]) {
    const raw = headers.get(name);
    if (raw === null) continue;
    if (raw.length > 4096) throw new BodyRefusedError("body-digest-malformed", 400, `${name} is too long.`);
    for (const member of raw.split(",")) {
      const m = /^\s*([a-z][a-z0-9_*.-]*)=:([A-Za-z0-9+/]*={0,2}):\s*$/.exec(member);
      if (!m)
        throw new BodyRefusedError(
          "body-digest-malformed",
          400,
          `${name} must be a list of algorithm=:base64:, e.g. sha-256=:…: (RFC 9530).`,
        );
      if (m[1] !== "sha-256") continue;
      const digest = Buffer.from(m[2], "base64");
      if (digest.length !== 32)
        throw new BodyRefusedError(
          "body-digest-malformed",
          400,
          `${name}: a sha-256 digest is 32 bytes; this one is ${digest.length}.`,
        );
      out.push(digest);
    }
  }
  return out;
}

/**
 * The request body as a stream of decoded bytes, refused as described above. Nothing is checked or
 * read until the first chunk is asked for, so a route can authorise before the body is looked at.
 */
export async function* requestBody(req: Request, opts: BodyOptions): ByteSource {
  const tooLarge = opts.tooLarge ?? defaultTooLarge(BODY_LIMIT_MESSAGES);
  const encoding = contentEncoding(req.headers, opts.gzip ?? true);
  const declared = declaredLength(req.headers);
  // A declared size over the limit is refused before a byte is read. For gzip the declared size is
  // the compressed one: past the limit it could only decode to more than the limit (or nearly so).
  if (declared !== null && declared > opts.limit) throw tooLarge(declared, opts.limit);
  const digests = statedDigests(req.headers);
  const hash = digests.length ? createHash("sha256") : null;
  let wireBytes = 0;

  const finish = (): Error | null => {
    if (declared !== null && wireBytes !== declared) {
      return new BodyRefusedError(
        "body-length-mismatch",
        400,
        `The body is ${wireBytes} bytes, but Content-Length said ${declared}. Nothing was kept; send it again.`,
      );
    }
    if (hash) {
      const actual = hash.digest();
      if (!digests.every((d) => d.equals(actual))) {
        return new BodyRefusedError(
          "body-digest-mismatch",
          400,
          `The body's sha-256 is ${actual.toString("base64")}, not the digest its Content-Digest states. It changed on the way (or the digest was taken of other bytes); nothing was kept.`,
        );
      }
    }
    return null;
  };

  if (!req.body) {
    const err = finish();
    if (err) throw err;
    return;
  }
  const wire = Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>, { highWaterMark: 64 * 1024 });
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      wireBytes += chunk.byteLength;
      if (declared !== null && wireBytes > declared) return done(finish());
      if (wireBytes > opts.limit) return done(tooLarge(null, opts.limit));
      hash?.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      done(finish());
    },
  });
  const decoded =
    encoding === "gzip"
      ? pipeline(wire, meter, createGunzip({ chunkSize: 64 * 1024 }), () => undefined)
      : pipeline(wire, meter, () => undefined);
  let size = 0;
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > opts.limit) throw tooLarge(null, opts.limit);
      yield chunk;
    }
  } catch (err) {
    throw translate(err);
  } finally {
    decoded.destroy();
    wire.destroy();
  }
}

function translate(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === "string" && code.startsWith("Z_")) {
    return new BodyRefusedError(
      "body-encoding-invalid",
      400,
      `The body is not valid gzip (${(err as Error).message}). Nothing was kept.`,
    );
  }
  // The client went away (or the connection broke) before the body was complete.
  return new BodyRefusedError(
    "body-incomplete",
    400,
    "The body ended before it was complete (the connection closed). Nothing was kept; send it again.",
  );
}

/** Reads a request body as bytes, refusing it as soon as it passes `limit` bytes (never buffering more). */
export async function readBodyBytes(
  req: Request,
  limit: number,
  messages: BodyLimitMessages = BODY_LIMIT_MESSAGES,
  opts: Omit<BodyOptions, "limit" | "tooLarge"> = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of requestBody(req, { ...opts, limit, tooLarge: defaultTooLarge(messages) })) {
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    size += chunk.byteLength;
  }
  return Buffer.concat(chunks, size);
}

/** Reads a request body as UTF-8 text, refusing it as soon as it passes `limit` bytes. */
export async function readTextBody(req: Request, limit: number): Promise<string> {
  const bytes = await readBodyBytes(req, limit);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequestError("The body is not valid UTF-8.");
  }
}

export async function readJsonBody(req: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new UnsupportedMediaTypeError(
      `Send the body as application/json (got ${type ? `"${type}"` : "no content type"}).`,
    );
  }
  const text = await readTextBody(req, limit);
  if (text.trim() === "") throw new BadRequestError("The request body is empty; a JSON object was expected.");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BadRequestError(`The body is not valid JSON: ${(err as Error).message}`);
  }
}
