import { isUtf8 } from "node:buffer";
import { refuse } from "@/lib/core/http/refusal";
import { formatBytes, type ByteSource } from "@/lib/core/bytes";

/** Parsers read bodies as a stream of byte chunks (a file stream, a request body, a test buffer). */
export type { ByteSource } from "@/lib/core/bytes";

export async function* bytesOf(data: Uint8Array | string, chunkSize = 64 * 1024): ByteSource {
  const buf = typeof data === "string" ? Buffer.from(data) : data;
  for (let i = 0; i < buf.byteLength; i += chunkSize) yield buf.subarray(i, i + chunkSize);
}

/** Decodes a byte stream as UTF-8, refusing invalid sequences. A leading byte-order mark is dropped. */
export async function* decodeUtf8(source: ByteSource): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let offset = 0;
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      refuse(
        "invalid-utf8",
        `The body is not valid UTF-8 (within bytes ${offset}–${offset + chunk.byteLength}). Send the file as UTF-8.`,
      );
    }
    offset += chunk.byteLength;
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    refuse("invalid-utf8", "The body ends in the middle of a UTF-8 character.");
  }
}

/** The whole body as a string, for formats that are one JSON document (refused past `limit`). */
export async function readDocument(source: ByteSource, limit: number, what = "JSON document"): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > limit) {
      refuse(
        "document-too-large",
        `A ${what} may be at most ${formatBytes(limit)}; this one is larger. Stream large data as JSON Lines instead.`,
      );
    }
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  const all = Buffer.concat(chunks, size);
  if (!isUtf8(all)) refuse("invalid-utf8", "The body is not valid UTF-8. Send the file as UTF-8.");
  const text = all.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface Line {
  lineNo: number;
  text: string;
}

/**
 * Splits a byte stream into lines (LF or CRLF), refusing invalid UTF-8 and any line longer than
 * `maxLineBytes` before it is decoded. Memory stays at one chunk plus one partial line.
 */
export async function* readLines(source: ByteSource, maxLineBytes: number): AsyncGenerator<Line> {
  let carry: Buffer | null = null;
  let lineNo = 0;
  const tooLong = () =>
    refuse(
      "line-too-long",
      `Line ${lineNo + 1} is longer than ${formatBytes(maxLineBytes)}. Each line must be one record of at most that size.`,
    );
  const emit = (bytes: Buffer): Line => {
    lineNo++;
    let end = bytes.byteLength;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    let text = bytes.toString("utf8", 0, end);
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { lineNo, text };
  };
  for await (const chunk of source) {
    let buf: Buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const lastNl = buf.lastIndexOf(0x0a);
    if (lastNl < 0) {
      carry = carry ? Buffer.concat([carry, buf]) : Buffer.from(buf);
      if (carry.byteLength > maxLineBytes) tooLong();
      continue;
    }
    // Validate the complete lines of this chunk in one call (a line never splits a character at LF).
    let complete = buf.subarray(0, lastNl + 1);
    if (carry) {
      complete = Buffer.concat([carry, complete]);
      carry = null;
    }
    if (!isUtf8(complete))
      refuse("invalid-utf8", `The body is not valid UTF-8 (after line ${lineNo}). Send the file as UTF-8.`);
    let start = 0;
    for (;;) {
      const nl = complete.indexOf(0x0a, start);
      if (nl < 0) break;
      if (nl - start > maxLineBytes) tooLong();
      yield emit(complete.subarray(start, nl));
      start = nl + 1;
    }
    buf = buf.subarray(lastNl + 1);
    if (buf.byteLength) {
      carry = Buffer.from(buf);
      if (carry.byteLength > maxLineBytes) tooLong();
    }
  }
  if (carry && carry.byteLength) {
    if (!isUtf8(carry))
      refuse("invalid-utf8", `The body is not valid UTF-8 (line ${lineNo + 1}). Send the file as UTF-8.`);
    yield emit(carry);
  }
}
