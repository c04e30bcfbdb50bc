import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { refuse } from "@/lib/ingest/refusal";
import { formatBytes } from "@/lib/ingest/limits";
import type { ByteSource } from "@/lib/ingest/bytes";

export interface SpoolFile {
  file: string;
  size: number;
  sha256: string;
}

/**
 * Writes a body to <dir>/<uuid>.part while computing its sha256. Past maxBytes the body is refused
 * (413, with tooLarge's sentence when given) and the partial file removed.
 */
export async function spoolToFile(dir: string, source: ByteSource, maxBytes: number, tooLarge?: string): Promise<SpoolFile> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.part`);
  const out = createWriteStream(file);
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > maxBytes) refuse("body-too-large", tooLarge ?? `The body passes the limit of ${formatBytes(maxBytes)}.`);
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
  } catch (err) {
    out.destroy();
    await rm(file, { force: true });
    throw err;
  }
  return { file, size, sha256: hash.digest("hex") };
}
