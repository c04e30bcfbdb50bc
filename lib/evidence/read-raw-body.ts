import { PayloadTooLargeError } from "@/lib/errors";
import { formatBytes } from "@/lib/ingest/limits";

/** A request body as bytes, exactly as sent (signatures are computed over them), up to `limit`. */
export async function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(`The body is ${formatBytes(declared)}; the limit is ${formatBytes(limit)}.`);
  if (!req.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(`The body passes the limit of ${formatBytes(limit)}.`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, size);
}
