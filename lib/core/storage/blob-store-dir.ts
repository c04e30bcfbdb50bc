import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import type { ByteSource } from "@/lib/core/bytes";
import { spooledBody, spoolToFile } from "@/lib/core/storage/blob-store-spool";
import { assertSha256, type BlobStore, type SpooledBody, type StoredBlob } from "@/lib/core/storage/blob-store-types";
import { ensurePrivateDir, PRIVATE_DIR_MODE } from "@/lib/private-files";

// Originals in a directory (BLOB_DIR, .data/blobs by default): <dir>/sha256/ab/abcdef…. A body is
// first spooled to <dir>/tmp while its hash is computed, then renamed into place (atomic on one file
// system). The same bytes are stored once, whichever project sent them. Directories are 0700 and
// files 0600 (lib/private-files.ts): only the app's own user reads the originals.

function root(): string {
  return path.resolve(env().BLOB_DIR);
}

export function blobPath(sha256: string): string {
  assertSha256(sha256);
  return path.join(root(), "sha256", sha256.slice(0, 2), sha256);
}

async function spoolBody(source: ByteSource, maxBytes: number): Promise<SpooledBody> {
  await ensurePrivateDir(root());
  const spool = await spoolToFile(path.join(root(), "tmp"), source, maxBytes);
  return spooledBody(spool, async (tmp) => {
    const target = blobPath(spool.sha256);
    await mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
    if (await exists(target)) await rm(tmp, { force: true });
    else await rename(tmp, target);
    return target;
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function openBlob(sha256: string): Promise<StoredBlob | null> {
  const file = blobPath(sha256);
  const info = await stat(file).catch(() => null);
  if (!info) return null;
  return { stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, size: info.size };
}

async function putBytes(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
  const spooled = await spoolBody(
    (async function* () {
      yield bytes;
    })(),
    Number.MAX_SAFE_INTEGER,
  );
  await spooled.keep();
  return { sha256: spooled.sha256, size: spooled.size };
}

export const dirBlobStore: BlobStore = {
  kind: "dir",
  spoolBody,
  hasBlob: (sha256) => exists(blobPath(sha256)),
  openBlob,
  putBytes,
};
