import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { refuse } from "@/lib/core/http/refusal";
import { formatBytes } from "@/lib/core/bytes";
import type { ByteSource } from "@/lib/core/bytes";
import type { SpooledBody } from "@/lib/core/storage/blob-store-types";
import { ensurePrivateDir, PRIVATE_FILE_MODE } from "@/lib/private-files";

export interface SpoolFile {
  file: string;
  size: number;
  sha256: string;
}

/**
 * Writes a body to <dir>/<uuid>.part while computing its sha256. Past maxBytes the body is refused
 * (413, with tooLarge's sentence when given) and the partial file removed.
 */
export async function spoolToFile(dir: string, source: ByteSource, maxBytes: number): Promise<SpoolFile> {
  await ensurePrivateDir(dir);
  const file = path.join(dir, `${randomUUID()}.part`);
  const out = createWriteStream(file, { mode: PRIVATE_FILE_MODE });
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > maxBytes) refuse("body-too-large", `The body passes the limit of ${formatBytes(maxBytes)}.`);
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

/**
 * The SpooledBody every store hands out. keep() runs the store's own `store` once: it puts the spool
 * file's bytes in place and answers where they can be read from now (a path), or null when the spool
 * file stays the place to read them (a bucket). discard() removes the spool file unless it was moved.
 */
export function spooledBody(spool: SpoolFile, store: (file: string) => Promise<string | null>): SpooledBody {
  let current = spool.file;
  let kept = false;
  return {
    size: spool.size,
    sha256: spool.sha256,
    // 64 KB reads: larger chunks make the XML parser hold (and the GC keep) far more at once.
    open: () => createReadStream(current, { highWaterMark: 64 * 1024 }),
    async keep() {
      if (kept) return;
      current = (await store(spool.file)) ?? current;
      kept = true;
    },
    async discard() {
      if (current === spool.file) await rm(spool.file, { force: true });
    },
  };
}
