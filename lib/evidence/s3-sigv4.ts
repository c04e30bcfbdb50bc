import { createHash, createHmac } from "node:crypto";

// AWS Signature Version 4 for the header ("Authorization") form, as S3 and S3-compatible stores
// (MinIO, R2, Ceph, ...) check it. Written against the published description of the algorithm:
// canonical request -> string to sign -> HMAC chain over date, region, service -> signature.
// S3's paths are encoded once (never twice, never normalised): callers build them with uriEncode.

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** For temporary credentials (STS): sent and signed as x-amz-security-token. */
  sessionToken?: string;
}

export interface SigV4Request {
  method: string;
  url: URL;
  /** Headers to send and sign (host and x-amz-date are added). */
  headers: Record<string, string>;
  /** Hex sha256 of the body, or UNSIGNED-PAYLOAD. Not added as a header here: S3 callers add x-amz-content-sha256. */
  payloadHash: string;
}

export interface SigV4Scope {
  credentials: SigV4Credentials;
  region: string;
  service: string;
  now: Date;
}

export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** RFC 3986 percent-encoding as SigV4 wants it: everything but A-Z a-z 0-9 - . _ ~ (and "/" when keepSlash). */
export function uriEncode(value: string, keepSlash = false): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === "/")) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** 20150830T123600Z */
export function amzDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams].map(([k, v]) => [uriEncode(k), uriEncode(v)] as const);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

/** The canonical request and the signed header list, from headers that already include host and x-amz-date. */
export function canonicalRequest(method: string, url: URL, headers: Record<string, string>, payloadHash: string): { canonical: string; signedHeaders: string } {
  const normalised = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    const v = value.trim().replace(/ +/g, " ");
    normalised.set(key, normalised.has(key) ? `${normalised.get(key)},${v}` : v);
  }
  const names = [...normalised.keys()].sort();
  const signedHeaders = names.join(";");
  const canonical = [method.toUpperCase(), url.pathname || "/", canonicalQuery(url), ...names.map((n) => `${n}:${normalised.get(n)}`), "", signedHeaders, payloadHash].join("\n");
  return { canonical, signedHeaders };
}

export function credentialScope(now: Date, region: string, service: string): string {
  return `${amzDate(now).slice(0, 8)}/${region}/${service}/aws4_request`;
}

export function stringToSign(now: Date, scope: string, canonical: string): string {
  return ["AWS4-HMAC-SHA256", amzDate(now), scope, sha256Hex(canonical)].join("\n");
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service), "aws4_request"). */
export function signingKey(secretAccessKey: string, yyyymmdd: string, region: string, service: string): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, yyyymmdd), region), service), "aws4_request");
}

export function signature(secretAccessKey: string, now: Date, region: string, service: string, toSign: string): string {
  return createHmac("sha256", signingKey(secretAccessKey, amzDate(now).slice(0, 8), region, service))
    .update(toSign, "utf8")
    .digest("hex");
}

/**
 * Signs a request: returns the headers to send, i.e. the given ones plus host, x-amz-date,
 * x-amz-security-token (temporary credentials) and Authorization.
 */
export function signRequest(req: SigV4Request, scope: SigV4Scope): Record<string, string> {
  const { credentials, region, service, now } = scope;
  const headers: Record<string, string> = { ...req.headers, host: req.url.host, "x-amz-date": amzDate(now) };
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
  const { canonical, signedHeaders } = canonicalRequest(req.method, req.url, headers, req.payloadHash);
  const credScope = credentialScope(now, region, service);
  const sig = signature(credentials.secretAccessKey, now, region, service, stringToSign(now, credScope, canonical));
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${credScope}, SignedHeaders=${signedHeaders}, Signature=${sig}` };
}
