import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { once } from "node:events";
import { env } from "@/lib/env";
import { refuse } from "@/lib/ingest/refusal";
import { formatBytes } from "@/lib/ingest/limits";
import type { ByteSource } from "@/lib/ingest/bytes";

// Originals, content-addressed by sha256, in a directory (BLOB_DIR, .data/blobs by default):
// <dir>/sha256/ab/abcdef…. A body is first spooled to <dir>/tmp while its hash is computed, then
// renamed into place (atomic on one file system). The same bytes are stored once, whichever project
// sent them. An S3-compatible store would implement the same three calls (see docs/evidence.md).

function root(): string {
  return path.resolve(env().BLOB_DIR);
}

export function blobPath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a sha256: ${sha256}`);
  return path.join(root(), "sha256", sha256.slice(0, 2), sha256);
}

/** A request body written to disk: its size, hash, and a way to read it again (for parsers). */
export interface SpooledBody {
  size: number;
  sha256: string;
  open(): ByteSource;
  /** Moves the bytes into the store (idempotent); afterwards open() reads the stored blob. */
  keep(): Promise<void>;
  /** Removes the spool file if it was not kept. */
  discard(): Promise<void>;
}

export async function spoolBody(source: ByteSource, maxBytes: number): Promise<SpooledBody> {
  const dir = path.join(root(), "tmp");
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${randomUUID()}.part`);
  const out = createWriteStream(tmp);
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
    await rm(tmp, { force: true });
    throw err;
  }
  const sha256 = hash.digest("hex");
  let current = tmp;
  let kept = false;
  return {
    size,
    sha256,
    // 64 KB reads: larger chunks make the XML parser hold (and the GC keep) far more at once.
    open: () => createReadStream(current, { highWaterMark: 64 * 1024 }),
    async keep() {
      if (kept) return;
      const target = blobPath(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      if (await exists(target)) await rm(tmp, { force: true });
      else await rename(tmp, target);
      current = target;
      kept = true;
    },
    async discard() {
      if (!kept) await rm(tmp, { force: true });
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export async function hasBlob(sha256: string): Promise<boolean> {
  return exists(blobPath(sha256));
}

/** The stored original as a web stream (for a download response), or null when it is missing. */
export async function openBlob(sha256: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null> {
  const file = blobPath(sha256);
  const info = await stat(file).catch(() => null);
  if (!info) return null;
  return { stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, size: info.size };
}

/** Stores bytes held in memory (webhook bodies, seed data). */
export async function putBytes(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
  const spooled = await spoolBody(
    (async function* () {
      yield bytes;
    })(),
    Number.MAX_SAFE_INTEGER,
  );
  await spooled.keep();
  return { sha256: spooled.sha256, size: spooled.size };
}
