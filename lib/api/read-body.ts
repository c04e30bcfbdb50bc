import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "@/lib/errors";

export const JSON_BODY_LIMIT = 1024 * 1024;

/** Messages for a body over its limit: declared too large up front, or found too large while reading. */
export interface BodyLimitMessages {
  declared: (bytes: number, limit: number) => string;
  passed: (limit: number) => string;
}

const BODY_LIMIT_MESSAGES: BodyLimitMessages = {
  declared: (bytes, limit) => `The body is ${bytes} bytes; the limit is ${limit}.`,
  passed: (limit) => `The body passes the limit of ${limit} bytes.`,
};

/** Reads a request body as bytes, refusing it as soon as it passes `limit` bytes (never buffering more). */
export async function readBodyBytes(req: Request, limit: number, messages: BodyLimitMessages = BODY_LIMIT_MESSAGES): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(messages.declared(declared, limit));
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(messages.passed(limit));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
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
    throw new UnsupportedMediaTypeError(`Send the body as application/json (got ${type ? `"${type}"` : "no content type"}).`);
  }
  const text = await readTextBody(req, limit);
  if (text.trim() === "") throw new BadRequestError("The request body is empty; a JSON object was expected.");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BadRequestError(`The body is not valid JSON: ${(err as Error).message}`);
  }
}
