import { createReadStream } from "node:fs";
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { EMPTY_SHA256, signRequest, uriEncode, type SigV4Credentials } from "@/lib/evidence/s3-sigv4";
import { BlobStoreError, type StoredBlob } from "@/lib/evidence/blob-store-types";

// The few S3 calls the blob store needs (HEAD, streamed GET, streamed PUT of one object), signed with
// SigV4. Works with AWS S3 and S3-compatible stores (MinIO, Cloudflare R2, Ceph, ...). HEAD and GET use
// fetch; the PUT uses node:http(s), because fetch read a streamed request body far ahead of the socket
// (a 512 MB upload held about 500 MB in memory), while a piped file stream waits for the socket to drain.

export interface S3Settings {
  /** Origin (and optional base path) of the service, e.g. https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000. */
  endpoint: string;
  region: string;
  bucket: string;
  /** true: <endpoint>/<bucket>/<key>; false: <bucket>.<endpoint host>/<key> (virtual-hosted). */
  forcePathStyle: boolean;
  credentials: SigV4Credentials;
}

/** The body of a PUT: a local file (streamed, never read whole) or bytes in memory. */
export type PutBody = { file: string } | { bytes: Uint8Array };

/** AWS refuses a single PUT over 5 GiB; larger objects would need a multipart upload, which this client does not do. */
export const S3_MAX_PUT_BYTES = 5 * 1024 ** 3;

const HEAD_TIMEOUT_MS = 30_000;
const ATTEMPTS = 3;
const RETRY_STATUSES = new Set([500, 502, 503, 504]);

interface Call {
  op: string;
  method: "HEAD" | "GET" | "PUT";
  key: string;
  payloadHash: string;
  headers?: Record<string, string>;
  /** Called once per attempt, so that a retried PUT sends its body again from the start. */
  body?: () => Readable | Buffer;
  timeoutMs?: number;
}

export class S3Client {
  constructor(
    private readonly settings: S3Settings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  objectUrl(key: string): URL {
    const base = new URL(this.settings.endpoint);
    const basePath = base.pathname.replace(/\/+$/, "");
    const encodedKey = uriEncode(key, true);
    if (this.settings.forcePathStyle) return new URL(`${base.protocol}//${base.host}${basePath}/${uriEncode(this.settings.bucket)}/${encodedKey}`);
    return new URL(`${base.protocol}//${this.settings.bucket}.${base.host}${basePath}/${encodedKey}`);
  }

  /** The object's size, or null when there is no such object. */
  async head(key: string): Promise<{ size: number } | null> {
    const res = await this.send({ op: "HEAD", method: "HEAD", key, payloadHash: EMPTY_SHA256, timeoutMs: HEAD_TIMEOUT_MS });
    if (res.status === 404) return null;
    if (!res.ok) throw await this.failure("HEAD", key, res);
    return { size: Number(res.headers.get("content-length") ?? 0) };
  }

  /** The object as a stream (read as the consumer pulls it), or null when there is no such object. */
  async get(key: string): Promise<StoredBlob | null> {
    const res = await this.send({ op: "GET", method: "GET", key, payloadHash: EMPTY_SHA256 });
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) throw await this.failure("GET", key, res);
    const size = Number(res.headers.get("content-length"));
    if (!res.body || !Number.isSafeInteger(size)) {
      await res.body?.cancel();
      throw new BlobStoreError(`S3 GET of ${key} answered without a body or a Content-Length.`, "The evidence store answered without the file. The server log has the details.");
    }
    return { stream: res.body as ReadableStream<Uint8Array>, size };
  }

  /**
   * Uploads one object in a single streamed PUT. The payload hash is the body's sha256 (signed), so
   * S3 refuses a body that arrives different from what was hashed; Content-Length is the size given.
   */
  async put(key: string, body: PutBody, size: number, sha256: string): Promise<void> {
    if (size > S3_MAX_PUT_BYTES) throw new BlobStoreError(`An object of ${size} bytes is over the 5 GiB a single S3 PUT takes.`, `A file of ${size} bytes is over the 5 GiB the evidence store takes in one upload.`);
    const res = await this.send({
      op: "PUT",
      method: "PUT",
      key,
      payloadHash: sha256,
      headers: { "x-amz-content-sha256": sha256 },
      body: () => ("bytes" in body ? Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength) : createReadStream(body.file, { highWaterMark: 1024 * 1024 })),
    }, size);
    if (!res.ok) throw await this.failure("PUT", key, res);
    await res.body?.cancel();
  }

  private async send(call: Call, contentLength?: number): Promise<Response> {
    const url = this.objectUrl(call.key);
    for (let attempt = 1; ; attempt++) {
      const signed = signRequest(
        { method: call.method, url, headers: { "x-amz-content-sha256": call.payloadHash, ...call.headers }, payloadHash: call.payloadHash },
        { credentials: this.settings.credentials, region: this.settings.region, service: "s3", now: this.clock() },
      );
      // fetch sets Host from the URL (the value that was signed); Content-Length is sent, not signed.
      const { host: _host, ...headers } = signed;
      if (contentLength !== undefined) headers["content-length"] = String(contentLength);
      const body = call.body?.();
      let res: Response;
      try {
        res = body
          ? await streamRequest(url, call.method, headers, body)
          : await fetch(url, { method: call.method, headers, cache: "no-store", redirect: "manual", signal: call.timeoutMs ? AbortSignal.timeout(call.timeoutMs) : undefined });
      } catch (err) {
        if (body instanceof Readable) body.destroy();
        if (attempt < ATTEMPTS) {
          await sleep(200 * 2 ** attempt);
          continue;
        }
        const cause = err instanceof Error ? ((err.cause as { code?: string; message?: string } | undefined)?.code ?? (err as { code?: string }).code ?? (err.cause as Error | undefined)?.message ?? err.message) : String(err);
        const unreachable = new BlobStoreError(
          `Cannot reach the S3 endpoint ${url.origin} for ${call.op} of ${call.key} (${cause}). Check S3_ENDPOINT and that the service is up.`,
          "The evidence store cannot be reached. Check S3_ENDPOINT and that the service is up; the server log has the details.",
        );
        console.error(`[blob-store] ${unreachable.message}`);
        throw unreachable;
      }
      if (RETRY_STATUSES.has(res.status) && attempt < ATTEMPTS) {
        await res.body?.cancel();
        await sleep(200 * 2 ** attempt);
        continue;
      }
      return res;
    }
  }

  private async failure(op: string, key: string, res: Response): Promise<BlobStoreError> {
    const text = await readCapped(res, 64 * 1024);
    const code = xmlField(text, "Code");
    const message = xmlField(text, "Message");
    const what = `S3 ${op} of ${key} in bucket "${this.settings.bucket}" was refused: ${res.status}${code ? ` ${code}` : ""}${message ? ` (${message})` : ""}.`;
    // What API callers see: the status and S3's error code, never the endpoint, bucket, key or S3's own message.
    const shown = `The evidence store refused the request: ${res.status}${code ? ` ${code}` : ""}. ${hint(res.status, code)} The server log has the details.`.replace(/\s+/g, " ");
    const error = new BlobStoreError(`${what} ${hint(res.status, code)}`.trim(), shown);
    console.error(`[blob-store] ${error.message}`);
    return error;
  }
}

/** One request with a body, piped with backpressure; the answer as a fetch Response (its body streamed). */
function streamRequest(url: URL, method: string, headers: Record<string, string>, body: Readable | Buffer): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const req = (url.protocol === "https:" ? https : http).request(url, { method, headers }, (res) => {
      const status = res.statusCode ?? 0;
      const resHeaders = new Headers();
      for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) resHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
      const noBody = status === 204 || status === 304 || method === "HEAD";
      if (noBody) res.resume();
      resolve(new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers: resHeaders }));
    });
    req.on("error", reject);
    if (Buffer.isBuffer(body)) req.end(body);
    else pipeline(body, req).catch(reject);
  });
}

function hint(status: number, code: string | null): string {
  if (code === "SignatureDoesNotMatch" || code === "InvalidAccessKeyId" || code === "InvalidToken" || code === "ExpiredToken") {
    return "Check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY (and S3_SESSION_TOKEN when set).";
  }
  if (code === "NoSuchBucket") return "Check S3_BUCKET: the bucket must exist (Proofline does not create it).";
  if (code === "AuthorizationHeaderMalformed" || code === "PermanentRedirect" || status === 301 || status === 307) return "Check S3_REGION and S3_ENDPOINT (the bucket is in another region or at another endpoint).";
  if (code === "AccessDenied") return "The credentials may not do this: they need s3:GetObject, s3:PutObject and s3:ListBucket on the bucket.";
  if (status === 403) return "Check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, and that they have s3:GetObject, s3:PutObject and s3:ListBucket on the bucket.";
  if (status === 400 && !code) return "Check S3_ENDPOINT, S3_REGION and S3_FORCE_PATH_STYLE.";
  return "";
}

async function readCapped(res: Response, max: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).toString("utf8").slice(0, max);
}

function xmlField(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!m) return null;
  const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };
  return m[1].replace(/&(amp|lt|gt|quot|apos);/g, (e) => entities[e]).slice(0, 500);
}
