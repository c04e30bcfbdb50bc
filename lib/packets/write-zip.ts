import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { PRIVATE_FILE_MODE } from "@/lib/private-files";
import { once } from "node:events";
import { ZipArchive } from "archiver";

/** Bytes in memory, or a file; a file whose size and sha256 are already known (checked while it was written) is not read again for them. */
export type ZipSource = { bytes: Buffer } | { file: string; known?: { size: number; sha256: string } };

export interface ZipEntry {
  path: string;
  source: ZipSource;
}

export interface FileDigest {
  path: string;
  size: number;
  sha256: string;
}

/** Size and sha256 of an entry's content (files are streamed, never read whole). */
export async function digestOf(entry: ZipEntry): Promise<FileDigest> {
  if ("bytes" in entry.source)
    return {
      path: entry.path,
      size: entry.source.bytes.length,
      sha256: createHash("sha256").update(entry.source.bytes).digest("hex"),
    };
  if (entry.source.known) return { path: entry.path, ...entry.source.known };
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(entry.source.file)) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { path: entry.path, size, sha256: hash.digest("hex") };
}

/** Code-point order, the same in every locale. */
export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * Writes a ZIP that depends only on its entries: sorted by path, one fixed timestamp (UTC) and mode
 * for every entry, the same compression level. The same entries always give the same bytes.
 */
export async function writeDeterministicZip(
  outFile: string,
  entries: ZipEntry[],
  date: Date,
): Promise<{ size: number; sha256: string }> {
  const archive = new ZipArchive({ zlib: { level: 6 }, forceLocalTime: false });
  const out = createWriteStream(outFile, { mode: PRIVATE_FILE_MODE });
  const hash = createHash("sha256");
  let size = 0;
  archive.on("data", (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
  });
  archive.pipe(out);
  const failed = new Promise<never>((_, reject) => {
    archive.on("error", reject);
    archive.on("warning", reject);
    out.on("error", reject);
  });
  for (const entry of [...entries].sort(byPath)) {
    const data = { name: entry.path, date, mode: 0o644 };
    if ("bytes" in entry.source) archive.append(entry.source.bytes, data);
    else archive.append(createReadStream(entry.source.file), data);
  }
  await Promise.race([archive.finalize(), failed]);
  await Promise.race([once(out, "close"), failed]);
  return { size, sha256: hash.digest("hex") };
}
