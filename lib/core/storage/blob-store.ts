import { env, type TEnv } from "@/lib/env";
import type { ByteSource } from "@/lib/core/bytes";
import { dirBlobStore } from "@/lib/core/storage/blob-store-dir";
import { s3BlobStoreFromEnv } from "@/lib/core/storage/blob-store-s3";
import type { BlobStore, SpooledBody, StoredBlob } from "@/lib/core/storage/blob-store-types";

// The one way in to evidence originals: every caller goes through these functions, and BLOB_STORE
// decides where the bytes live (dir: BLOB_DIR, the default; s3: an S3-compatible bucket). See
// docs/evidence.md ("Storage") and docs/adr/0005-blob-store-on-s3.md.

export type { BlobStore, SpooledBody, StoredBlob } from "@/lib/core/storage/blob-store-types";
export { BlobStoreError } from "@/lib/core/storage/blob-store-types";
/** Where the directory store keeps an original (the directory store only: tests and tools that inspect it). */
export { blobPath } from "@/lib/core/storage/blob-store-dir";

let chosen: { env: TEnv; store: BlobStore } | undefined;

/** The store the environment configures (chosen again after resetEnvForTests()). */
export function blobStore(): BlobStore {
  const e = env();
  if (chosen?.env !== e) chosen = { env: e, store: e.BLOB_STORE === "s3" ? s3BlobStoreFromEnv(e) : dirBlobStore };
  return chosen.store;
}

export function spoolBody(source: ByteSource, maxBytes: number): Promise<SpooledBody> {
  return blobStore().spoolBody(source, maxBytes);
}

export function hasBlob(sha256: string): Promise<boolean> {
  return blobStore().hasBlob(sha256);
}

/** The stored original as a web stream (for a download response or a packet), or null when it is missing. */
export function openBlob(sha256: string): Promise<StoredBlob | null> {
  return blobStore().openBlob(sha256);
}

/** Stores bytes held in memory (webhook bodies, seed data). */
export function putBytes(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
  return blobStore().putBytes(bytes);
}
