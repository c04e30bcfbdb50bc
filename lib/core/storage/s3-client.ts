import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client as SdkS3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { BlobStoreError, type StoredBlob } from "@/lib/core/storage/blob-store-types";

// The few S3 calls the blob store needs (HEAD, streamed GET, streamed upload of one object), through
// the AWS SDK (ADR 0005). Works with AWS S3 and S3-compatible stores (MinIO, Cloudflare R2, Ceph, ...).
// Credentials are the static keys when given, else the SDK's standard chain (environment, shared
// config, web identity, container or instance role). Uploads are multipart past one part, so an
// original has no size cap; memory stays at about two parts whatever the file's size.

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface S3Settings {
  /** Origin (and optional base path) of an S3-compatible service; unset for AWS itself (the SDK resolves it from the region). */
  endpoint?: string;
  region: string;
  bucket: string;
  /** true: <endpoint>/<bucket>/<key>; false: <bucket>.<endpoint host>/<key> (virtual-hosted). */
  forcePathStyle: boolean;
  /** Static keys; when unset, the SDK's standard credential chain. */
  credentials?: S3Credentials;
}

/** The body of an upload: a local file (streamed, never read whole) or bytes in memory. */
export type PutBody = { file: string } | { bytes: Uint8Array };

/** S3 takes at most 10,000 parts; the part size grows with the file so that any size fits. */
const MAX_PARTS = 10_000;
/** Smallest part (S3's floor is 5 MiB): bodies up to this size go up in one PUT. */
export const S3_MIN_PART_BYTES = 16 * 1024 ** 2;
/** Parts in flight at once: memory held by an upload is about this many parts. */
const QUEUE_SIZE = 2;
const HEAD_TIMEOUT_MS = 30_000;

/** The part size for an object of `size` bytes: at least S3_MIN_PART_BYTES, large enough to stay under 10,000 parts. */
export function partSizeFor(size: number): number {
  return Math.max(S3_MIN_PART_BYTES, Math.ceil(size / (MAX_PARTS - 1)));
}

export class S3Client {
  /** The SDK client itself (tests add middleware to it). */
  readonly sdk: SdkS3Client;

  constructor(private readonly settings: S3Settings) {
    this.sdk = new SdkS3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      maxAttempts: 3,
      // Only the checksums S3 requires: the SDK's default CRC32 trailers are refused by some S3-compatible stores.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: { connectionTimeout: 10_000 },
    });
  }

  /** The object's size, or null when there is no such object. */
  async head(key: string): Promise<{ size: number } | null> {
    try {
      const res = await this.sdk.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }), {
        abortSignal: AbortSignal.timeout(HEAD_TIMEOUT_MS),
      });
      return { size: res.ContentLength ?? 0 };
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw this.failure("HEAD", key, err);
    }
  }

  /** The object as a stream (read as the consumer pulls it), or null when there is no such object. */
  async get(key: string): Promise<StoredBlob | null> {
    let res;
    try {
      res = await this.sdk.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw this.failure("GET", key, err);
    }
    const size = res.ContentLength;
    if (!res.Body || size === undefined || !Number.isSafeInteger(size)) {
      if (res.Body instanceof Readable) res.Body.destroy();
      throw new BlobStoreError(
        `S3 GET of ${key} answered without a body or a Content-Length.`,
        "The evidence store answered without the file. The server log has the details.",
      );
    }
    return { stream: res.Body.transformToWebStream() as ReadableStream<Uint8Array>, size };
  }

  /**
   * Uploads one object: a single PUT up to one part, multipart beyond. Each part is signed with its
   * own sha256, so S3 refuses a part that arrives different from what was read. A file is hashed again
   * as it is read: if it no longer has the sha256 it was stored under, the object is deleted and the
   * upload fails, so a key never names other bytes.
   */
  async put(key: string, body: PutBody, size: number, sha256: string): Promise<void> {
    const hash = createHash("sha256");
    const source =
      "bytes" in body
        ? Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength)
        : createReadStream(body.file, { highWaterMark: 1024 * 1024 }).pipe(
            new Transform({
              transform(chunk: Buffer, _enc, done) {
                hash.update(chunk);
                done(null, chunk);
              },
            }),
          );
    if (Buffer.isBuffer(source)) hash.update(source);
    const upload = new Upload({
      client: this.sdk,
      params: { Bucket: this.settings.bucket, Key: key, Body: source, ContentLength: size },
      partSize: partSizeFor(size),
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      if (source instanceof Readable) source.destroy();
      throw this.failure("PUT", key, err);
    }
    const sent = hash.digest("hex");
    if (sent !== sha256) {
      await this.sdk.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key })).catch(() => undefined);
      throw new BlobStoreError(
        `The upload of ${key} sent bytes with sha256 ${sent}, not ${sha256}: the spool file changed while it was uploaded.`,
      );
    }
  }

  private failure(op: string, key: string, err: unknown): BlobStoreError {
    const status = statusOf(err);
    if (status === undefined) {
      const cause = causeOf(err);
      const where = this.settings.endpoint ?? `AWS S3 in ${this.settings.region}`;
      const unreachable = new BlobStoreError(
        `Cannot reach the S3 endpoint ${where} for ${op} of ${key} (${cause}). Check S3_ENDPOINT and that the service is up.`,
        "The evidence store cannot be reached. Check S3_ENDPOINT and that the service is up; the server log has the details.",
      );
      console.error(`[blob-store] ${unreachable.message}`);
      return unreachable;
    }
    // A HEAD has no body: the SDK names its error after the status ("Forbidden", "NotFound"), not an S3 code.
    const code =
      err instanceof S3ServiceException && /^[A-Z][A-Za-z0-9]+$/.test(err.name) && !GENERIC_NAMES.has(err.name)
        ? err.name
        : null;
    const message = err instanceof Error && code ? err.message.slice(0, 500) : null;
    const what = `S3 ${op} of ${key} in bucket "${this.settings.bucket}" was refused: ${status}${code ? ` ${code}` : ""}${message ? ` (${message})` : ""}.`;
    // What API callers see: the status and S3's error code, never the endpoint, bucket, key or S3's own message.
    const shown =
      `The evidence store refused the request: ${status}${code ? ` ${code}` : ""}. ${hint(status, code)} The server log has the details.`.replace(
        /\s+/g,
        " ",
      );
    const error = new BlobStoreError(`${what} ${hint(status, code)}`.trim(), shown);
    console.error(`[blob-store] ${error.message}`);
    return error;
  }
}

const GENERIC_NAMES = new Set(["Unknown", "UnknownError", "Forbidden", "NotFound", "BadRequest", "S3ServiceException"]);

function statusOf(err: unknown): number | undefined {
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

function causeOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const withCode = err as Error & { code?: string; cause?: { code?: string; message?: string } };
  return withCode.code ?? withCode.cause?.code ?? withCode.cause?.message ?? err.name ?? err.message;
}

function hint(status: number, code: string | null): string {
  if (
    code === "SignatureDoesNotMatch" ||
    code === "InvalidAccessKeyId" ||
    code === "InvalidToken" ||
    code === "ExpiredToken"
  ) {
    return "Check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY (and S3_SESSION_TOKEN when set), or the credentials the AWS credential chain found.";
  }
  if (code === "NoSuchBucket") return "Check S3_BUCKET: the bucket must exist (Proofline does not create it).";
  if (code === "AuthorizationHeaderMalformed" || code === "PermanentRedirect" || status === 301 || status === 307)
    return "Check S3_REGION and S3_ENDPOINT (the bucket is in another region or at another endpoint).";
  if (code === "AccessDenied")
    return "The credentials may not do this: they need s3:GetObject, s3:PutObject, s3:DeleteObject, s3:AbortMultipartUpload and s3:ListBucket on the bucket.";
  if (status === 403)
    return "Check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (or the credentials the AWS credential chain found), and that they have s3:GetObject, s3:PutObject and s3:ListBucket on the bucket.";
  if (status === 400 && !code) return "Check S3_ENDPOINT, S3_REGION and S3_FORCE_PATH_STYLE.";
  return "";
}
