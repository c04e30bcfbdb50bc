// Reads a raw request body (a document upload) as bytes, stopping as soon as it passes the limit.
import { readBodyBytes } from "@/lib/api/read-body";
import { DEFAULT_MAX_IMPORT_BYTES } from "@/lib/import/input";

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
const ADVICE = "Split it or import the part that holds the backlog.";

export async function readUpload(req: Request, limit = DEFAULT_MAX_IMPORT_BYTES): Promise<Uint8Array> {
  const bytes = await readBodyBytes(req, limit, {
    declared: (size) => `The document is ${mb(size)}; the limit is ${mb(limit)}. ${ADVICE}`,
    passed: () => `The document passes the limit of ${mb(limit)}. ${ADVICE}`,
  });
  return new Uint8Array(bytes);
}
