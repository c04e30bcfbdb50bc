import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { ByteSource } from "@/lib/ingest/bytes";
import { formatBytes } from "@/lib/ingest/limits";
import { refuse } from "@/lib/core/http/refusal";

// A body that is itself a gzip file (a CloudTrail .json.gz sent as it is, without Content-Encoding) is
// kept as sent and read through a streaming gunzip. The decompressed size is capped, so that a small
// body cannot keep the server inflating for ever.

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

export async function* gunzip(source: ByteSource, maxInflatedBytes: number): ByteSource {
  const input = Readable.from(source, { objectMode: false });
  const z = createGunzip({ chunkSize: 64 * 1024 });
  input.on("error", (err) => z.destroy(err));
  input.pipe(z);
  let size = 0;
  try {
    for await (const chunk of z as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > maxInflatedBytes)
        refuse(
          "body-too-large",
          `The gzip body decompresses to more than ${formatBytes(maxInflatedBytes)}, the limit for a compressed body.`,
        );
      yield chunk;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "Z_BUF_ERROR")
      refuse("truncated", "The gzip data ends early: the file is cut off. Nothing was stored.");
    if (code === "Z_DATA_ERROR" || code === "Z_STREAM_ERROR")
      refuse("invalid-content", `The body starts like gzip but is not valid gzip data (${(err as Error).message}).`);
    throw err;
  } finally {
    input.unpipe(z);
    input.destroy();
    z.destroy();
  }
}
