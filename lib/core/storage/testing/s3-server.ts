// A real S3-compatible server for integration tests: s3rver (a fake S3 on Node, storing objects in a
// temporary directory), behind a small front that checks every request's AWS Signature Version 4.
// s3rver checks the access key id but not V4 signatures (its own source says V4 is unimplemented), so
// the front recomputes each signature from the request as it arrives on the wire (method, raw path and
// query, the signed headers) with the one secret it knows, checks x-amz-content-sha256 against the body,
// and refuses a mismatch with S3's own error (403 SignatureDoesNotMatch) before forwarding to s3rver.
import { createHash, createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** The one key pair s3rver knows. */
export const TEST_S3_ACCESS_KEY_ID = "S3RVER";
export const TEST_S3_SECRET_ACCESS_KEY = "S3RVER";

export interface TestS3 {
  /** The signature-checking front: what Proofline is configured with. */
  endpoint: string;
  /** s3rver itself (no V4 signature check; unsigned requests allowed): for looking at the bucket from outside. */
  directEndpoint: string;
  bucket: string;
  /** Requests the front saw, in order, with what it answered. */
  requests: Array<{ method: string; path: string; status: number }>;
  /** Keys in the bucket, listed from s3rver directly. */
  listKeys(): Promise<string[]>;
  /** An object's bytes read from s3rver directly, or null. */
  readObject(key: string): Promise<Buffer | null>;
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function s3Error(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

// Percent-encoding of query names and values as SigV4 canonicalises them.
function encodeStrict(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Recomputes the request's signature; null when it matches, else the reason it does not. */
function checkSignature(
  req: http.IncomingMessage,
  body: Buffer,
  secret: string,
): { status: number; code: string; message: string } | null {
  const auth = req.headers.authorization ?? "";
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return { status: 403, code: "AccessDenied", message: "No AWS4-HMAC-SHA256 Authorization header." };
  const [, accessKeyId, day, region, signedHeaders, given] = m;
  if (accessKeyId !== TEST_S3_ACCESS_KEY_ID)
    return {
      status: 403,
      code: "InvalidAccessKeyId",
      message: "The AWS Access Key Id you provided does not exist in our records.",
    };
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  const when = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  if (!amzDate.startsWith(day) || !Number.isFinite(when) || Math.abs(Date.now() - when) > 15 * 60_000)
    return { status: 403, code: "RequestTimeTooSkewed", message: "x-amz-date is missing or too far from now." };
  const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
  if (!signedHeaders.split(";").includes("x-amz-content-sha256"))
    return { status: 403, code: "AccessDenied", message: "x-amz-content-sha256 must be signed." };
  if (/^[0-9a-f]{64}$/.test(payloadHash) && createHash("sha256").update(body).digest("hex") !== payloadHash) {
    return {
      status: 400,
      code: "XAmzContentSHA256Mismatch",
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    };
  }
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  const rawPath = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? "" : raw.slice(q + 1);
  const canonicalQuery = query
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const [k, v = ""] = pair.split("=");
      return `${encodeStrict(decodeURIComponent(k))}=${encodeStrict(decodeURIComponent(v))}`;
    })
    .sort()
    .join("&");
  const headerLines = signedHeaders.split(";").map((name) => {
    const value = req.headers[name];
    return `${name}:${(Array.isArray(value) ? value.join(",") : (value ?? "")).trim().replace(/ +/g, " ")}`;
  });
  const canonical = [req.method, rawPath, canonicalQuery, ...headerLines, "", signedHeaders, payloadHash].join("\n");
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash("sha256").update(canonical).digest("hex")}`;
  let key: Buffer = createHmac("sha256", `AWS4${secret}`).update(day).digest();
  for (const part of [region, "s3", "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  const expected = createHmac("sha256", key).update(toSign).digest("hex");
  if (expected !== given)
    return {
      status: 403,
      code: "SignatureDoesNotMatch",
      message:
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    };
  return null;
}

export async function startTestS3(bucket = "proofline-test"): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), "proofline-s3-"));
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const info = await s3rver.run();
  const directEndpoint = `http://127.0.0.1:${info.port}`;
  const requests: TestS3["requests"] = [];

  const front = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = (req.url ?? "/").split("?")[0];
      const refused = checkSignature(req, body, TEST_S3_SECRET_ACCESS_KEY);
      if (refused) {
        requests.push({ method: req.method!, path, status: refused.status });
        s3Error(res, refused.status, refused.code, refused.message);
        return;
      }
      const upstream = http.request(
        `${directEndpoint}${req.url}`,
        { method: req.method, headers: req.headers },
        (up) => {
          requests.push({ method: req.method!, path, status: up.statusCode ?? 0 });
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", (err) => s3Error(res, 502, "BadGateway", err.message));
      upstream.end(body);
    });
  });
  const port = await listen(front);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    directEndpoint,
    bucket,
    requests,
    async listKeys() {
      const res = await fetch(`${directEndpoint}/${bucket}?list-type=2`);
      const xml = await res.text();
      return [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((k) => k[1]);
    },
    async readObject(key) {
      const res = await fetch(`${directEndpoint}/${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`);
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      return Buffer.from(await res.arrayBuffer());
    },
    async close() {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      front.closeAllConnections();
      await s3rver.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
