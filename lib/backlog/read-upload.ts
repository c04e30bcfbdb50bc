// Reads a raw request body (a document upload) as bytes, stopping as soon as it passes the limit.
import { PayloadTooLargeError } from "@/lib/errors";
import { DEFAULT_MAX_IMPORT_BYTES } from "@/lib/import/input";

export async function readUpload(req: Request, limit = DEFAULT_MAX_IMPORT_BYTES): Promise<Uint8Array> {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(`The document is ${mb(declared)}; the limit is ${mb(limit)}. Split it or import the part that holds the backlog.`);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(`The document passes the limit of ${mb(limit)}. Split it or import the part that holds the backlog.`);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
