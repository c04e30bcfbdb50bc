import { createHash } from "node:crypto";
import path from "node:path";
import type { TEnv } from "@/lib/env";
import type { ByteSource } from "@/lib/core/bytes";
import { spooledBody, spoolToFile } from "@/lib/core/storage/blob-store-spool";
import { assertSha256, type BlobStore, type SpooledBody } from "@/lib/core/storage/blob-store-types";
import { S3Client } from "@/lib/core/storage/s3-client";

// Originals in an S3-compatible bucket, at <S3_PREFIX>sha256/ab/abcdef…. A body is still spooled to
// a local file (<BLOB_DIR>/tmp) while its hash is computed, so that parsers can read it and nothing
// partial is ever uploaded; keep() uploads it (streamed, multipart past 16 MiB) unless a HEAD finds it there already.

export interface S3BlobStoreOptions {
  client: S3Client;
  prefix: string;
  /** Local directory for spool files. */
  spoolDir: string;
}

export function s3Key(prefix: string, sha256: string): string {
  assertSha256(sha256);
  return `${prefix}sha256/${sha256.slice(0, 2)}/${sha256}`;
}

export function s3BlobStore({ client, prefix, spoolDir }: S3BlobStoreOptions): BlobStore {
  const keyOf = (sha256: string) => s3Key(prefix, sha256);
  return {
    kind: "s3",
    async spoolBody(source: ByteSource, maxBytes: number): Promise<SpooledBody> {
      const spool = await spoolToFile(spoolDir, source, maxBytes);
      // The spool file stays the place to read from until discard(): audit-log lines are read after keep().
      return spooledBody(spool, async (file) => {
        const key = keyOf(spool.sha256);
        if (!(await client.head(key))) await client.put(key, { file }, spool.size, spool.sha256);
        return null;
      });
    },
    async hasBlob(sha256) {
      return (await client.head(keyOf(sha256))) !== null;
    },
    openBlob: (sha256) => client.get(keyOf(sha256)),
    async putBytes(bytes) {
      // Already in memory and small (webhook bodies): no spool needed; the signed payload hash and
      // Content-Length still make S3 refuse anything but these exact bytes.
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const key = keyOf(sha256);
      if (!(await client.head(key))) await client.put(key, { bytes }, bytes.byteLength, sha256);
      return { sha256, size: bytes.byteLength };
    },
  };
}

/**
 * The S3 store as the environment configures it (env() has already checked that the bucket is set and
 * that a key pair is whole). Without static keys, the SDK's standard credential chain is used.
 */
export function s3BlobStoreFromEnv(e: TEnv): BlobStore {
  const client = new S3Client({
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    bucket: e.S3_BUCKET!,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY, sessionToken: e.S3_SESSION_TOKEN }
        : undefined,
  });
  return s3BlobStore({ client, prefix: e.S3_PREFIX, spoolDir: path.resolve(e.BLOB_DIR, "tmp") });
}
