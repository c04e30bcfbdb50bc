import { AppError } from "@/lib/errors";
import type { ByteSource } from "@/lib/core/bytes";

// What every blob store (a directory, an S3-compatible bucket) offers. Originals are addressed by
// the sha256 of their bytes; the same bytes are stored once, whichever project sent them.

/** A request body written to a local spool file: its size, hash, and a way to read it again (for parsers). */
export interface SpooledBody {
  size: number;
  sha256: string;
  open(): ByteSource;
  /** Puts the bytes into the store (idempotent). open() still reads them afterwards. */
  keep(): Promise<void>;
  /** Removes the local spool file (if keep() has not moved it into the store). Always call it, e.g. in finally. */
  discard(): Promise<void>;
}

export interface StoredBlob {
  stream: ReadableStream<Uint8Array>;
  size: number;
}

export interface BlobStore {
  readonly kind: "dir" | "s3";
  /** Spools a body to a local file while hashing it; refused (413) past maxBytes. Nothing is stored until keep(). */
  spoolBody(source: ByteSource, maxBytes: number): Promise<SpooledBody>;
  hasBlob(sha256: string): Promise<boolean>;
  /** The stored original as a web stream (never read whole into memory), or null when it is missing. */
  openBlob(sha256: string): Promise<StoredBlob | null>;
  /** Stores bytes held in memory (webhook bodies, seed data). */
  putBytes(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
}

/**
 * The blob store could not be used (an S3 refusal, an unreachable endpoint): 502 with what went wrong.
 * `message` is for the operator (server log, tests): it names the endpoint, bucket and key. Callers
 * of the API see only `publicDetail`, which names none of them (docs/security.md, "Leaks").
 */
export class BlobStoreError extends AppError {
  readonly status = 502;
  readonly code = "blob-store-failed";
  readonly title = "Evidence store failed";
  readonly publicDetail: string;
  constructor(message: string, publicDetail = "The evidence store failed. The server log has the details.") {
    super(message);
    this.publicDetail = publicDetail;
  }
}

export function assertSha256(sha256: string): void {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a sha256: ${sha256}`);
}
