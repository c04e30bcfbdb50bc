import type { ByteSource } from "@/lib/ingest/bytes";
import { isObject, type JsonValue } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { formatBytes } from "@/lib/ingest/limits";
import { mapAuditLine, type AuditEventRow, type AuditFieldMapping, type AuditLogStats } from "@/lib/ingest/audit-log";

// AWS CloudTrail log files as CloudTrail writes them to S3: one JSON object {"Records": [ … ]}, often
// hundreds of MB once decompressed. The file is walked byte by byte (strings, escapes and nesting
// tracked), and each element of the Records array is cut out and parsed on its own, so memory holds one
// record at a time. Any other top-level member is skipped without being kept. Digest files (CloudTrail's
// hourly integrity manifests) list log files and hashes and hold no events: they are refused by name.

const HEAD = /^\s*\{\s*"Records"\s*:\s*\[/;

/** Whether a body's first bytes are a CloudTrail log file ({"Records":[ first, as CloudTrail writes it). */
export function looksLikeCloudTrailFile(head: string): boolean {
  return HEAD.test(head.charCodeAt(0) === 0xfeff ? head.slice(1) : head);
}

export function looksLikeCloudTrailDocument(doc: JsonValue): boolean {
  return isObject(doc) && Array.isArray(doc.Records);
}

export function looksLikeCloudTrailDigest(doc: JsonValue): boolean {
  return isObject(doc) && typeof doc.digestStartTime === "string" && Array.isArray(doc.logFiles);
}

export const CLOUDTRAIL_DIGEST_MESSAGE =
  "a CloudTrail digest file: CloudTrail's hourly integrity manifest (the log files it delivered, with their SHA-256 hashes and a signature), which holds no events. Push the log files themselves (AWSLogs/<account>/CloudTrail/…), not those under CloudTrail-Digest/";

const enum S {
  Top,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  Skip,
  Element,
  Record,
  AfterElement,
  AfterValue,
  Done,
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const show = (c: number) => (c >= 0x20 && c < 0x7f ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16)}`);

/**
 * Yields the text of each element of the top-level "Records" array. Refuses (naming the byte offset)
 * anything that is not a CloudTrail file, a record that is not an object or is larger than
 * maxRecordBytes, and a file that ends before its closing brace (cut off).
 */
export async function* cloudTrailRecordTexts(source: ByteSource, maxRecordBytes: number): AsyncGenerator<string> {
  let state = S.Top as S;
  let offset = 0;
  let key: number[] = [];
  let keyEscape = false;
  let inString = false;
  let escape = false;
  let depth = 0;
  let sawRecords = false;
  let parts: Buffer[] = [];
  let recordBytes = 0;
  let records = 0;
  const bad = (c: number, at: number, expected: string): never =>
    refuse(
      "invalid-content",
      `This is not a CloudTrail log file: at byte ${at} there is ${show(c)} where ${expected} was expected.`,
    );

  for await (const chunk of source) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let recStart = state === S.Record ? 0 : -1;
    // The next backslash at or after i (buf.length when none): searched once per chunk, not per string.
    let nextBackslash = -1;
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      switch (state) {
        case S.Top:
          if (offset + i === 0 && c === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i += 2;
          else if (c === 0x7b) state = S.KeyOrEnd;
          else if (!isWs(c)) bad(c, offset + i, "the opening {");
          break;
        case S.KeyOrEnd:
          if (c === 0x22) {
            state = S.Key;
            key = [];
          } else if (c === 0x7d) state = S.Done;
          else if (!isWs(c)) bad(c, offset + i, "a member name");
          break;
        case S.Key:
          if (keyEscape) keyEscape = false;
          else if (c === 0x5c) keyEscape = true;
          else if (c === 0x22) {
            state = S.Colon;
            break;
          }
          if (key.length < 64) key.push(c);
          break;
        case S.Colon:
          if (c === 0x3a) state = S.Value;
          else if (!isWs(c)) bad(c, offset + i, "a colon");
          break;
        case S.Value:
          if (isWs(c)) break;
          if (Buffer.from(key).toString("latin1") === "Records") {
            if (c !== 0x5b) bad(c, offset + i, "the Records array");
            sawRecords = true;
            state = S.Element;
          } else {
            state = S.Skip;
            depth = 0;
            inString = false;
            i--; // the skip state reads this byte again
          }
          break;
        case S.Skip:
          if (inString) {
            if (escape) escape = false;
            else if (c === 0x5c) escape = true;
            else if (c === 0x22) inString = false;
          } else if (c === 0x22) inString = true;
          else if (c === 0x7b || c === 0x5b) depth++;
          else if (c === 0x7d || c === 0x5d) {
            if (depth === 0) {
              if (c !== 0x7d) bad(c, offset + i, "a value");
              state = S.Done;
            } else depth--;
          } else if (c === 0x2c && depth === 0) state = S.KeyOrEnd;
          break;
        case S.Element:
          if (c === 0x7b) {
            state = S.Record;
            depth = 1;
            inString = false;
            recStart = i;
            parts = [];
            recordBytes = 0;
          } else if (c === 0x5d && records === 0) state = S.AfterValue;
          else if (!isWs(c)) bad(c, offset + i, records === 0 ? "a record (an object) or ]" : "a record (an object)");
          break;
        case S.Record:
          if (inString) {
            // Fast path: jump to the next quote or backslash.
            if (escape) {
              escape = false;
              break;
            }
            let q = buf.indexOf(0x22, i);
            if (nextBackslash < i) {
              nextBackslash = buf.indexOf(0x5c, i);
              if (nextBackslash < 0) nextBackslash = buf.length;
            }
            const b = nextBackslash;
            if (q < 0) q = buf.length;
            if (b < q) {
              i = b;
              escape = true;
            } else if (q < buf.length) {
              i = q;
              inString = false;
            } else i = buf.length - 1;
          } else if (c === 0x22) inString = true;
          else if (c === 0x7b || c === 0x5b) depth++;
          else if (c === 0x7d || c === 0x5d) {
            if (--depth === 0) {
              parts.push(buf.subarray(recStart, i + 1));
              recordBytes += i + 1 - recStart;
              if (recordBytes > maxRecordBytes) tooLarge(records + 1, maxRecordBytes);
              records++;
              yield parts.length === 1 ? parts[0].toString("utf8") : Buffer.concat(parts).toString("utf8");
              parts = [];
              recStart = -1;
              state = S.AfterElement;
            }
          }
          break;
        case S.AfterElement:
          if (c === 0x2c) state = S.Element;
          else if (c === 0x5d) state = S.AfterValue;
          else if (!isWs(c)) bad(c, offset + i, "a comma or ] after a record");
          break;
        case S.AfterValue:
          if (c === 0x2c) state = S.KeyOrEnd;
          else if (c === 0x7d) state = S.Done;
          else if (!isWs(c)) bad(c, offset + i, "a comma or }");
          break;
        case S.Done:
          if (!isWs(c)) bad(c, offset + i, "the end of the file");
          break;
      }
    }
    if (state === S.Record && recStart >= 0) {
      // Copy: the chunk's memory may be reused by the stream.
      const part = Buffer.from(buf.subarray(recStart));
      recordBytes += part.length;
      if (recordBytes > maxRecordBytes) tooLarge(records + 1, maxRecordBytes);
      parts.push(part);
    }
    offset += buf.length;
  }
  if (state !== S.Done) {
    refuse(
      "truncated",
      `The CloudTrail file ends at byte ${offset} ${state === S.Record ? `inside record ${records + 1}` : "before its closing }"}: it is cut off (${records} complete record(s) before that). Nothing was stored.`,
    );
  }
  if (!sawRecords)
    refuse("invalid-content", 'This JSON object has no "Records" array, so it is not a CloudTrail log file.');
}

function tooLarge(n: number, max: number): never {
  return refuse(
    "line-too-long",
    `CloudTrail record ${n} is larger than ${formatBytes(max)}; records are read one at a time and each must fit that limit.`,
  );
}

/** Yields each record as an audit event (record number as its line number), keeping totals in `stats`. */
export async function* cloudTrailEvents(
  source: ByteSource,
  maxRecordBytes: number,
  mapping: AuditFieldMapping | null,
  stats: AuditLogStats,
): AsyncGenerator<AuditEventRow> {
  let n = 0;
  for await (const text of cloudTrailRecordTexts(source, maxRecordBytes)) {
    n++;
    stats.lines++;
    const result = mapAuditLine({ lineNo: n, text }, mapping);
    stats.add(result, n);
    if (result.ok) yield result.row;
  }
}
