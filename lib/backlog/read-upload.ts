// Reads a raw request body (a document upload) as bytes, stopping as soon as it passes the limit.
import { readBodyBytes } from "@/lib/core/http/read-body";
import { formatBytes } from "@/lib/ingest/limits";
import { importMaxBytes } from "@/lib/limits";

const ADVICE = "Split it or import the part that holds the backlog.";

export async function readUpload(req: Request, limit = importMaxBytes()): Promise<Uint8Array> {
  const bytes = await readBodyBytes(req, limit, {
    declared: (size) => `The document is ${formatBytes(size)}; the limit is ${formatBytes(limit)}. ${ADVICE}`,
    passed: () => `The document passes the limit of ${formatBytes(limit)}. ${ADVICE}`,
  });
  return new Uint8Array(bytes);
}
