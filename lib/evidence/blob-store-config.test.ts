import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";
import { blobStore } from "@/lib/evidence/blob-store";
import { s3Key } from "@/lib/evidence/blob-store-s3";
import { S3Client } from "@/lib/evidence/s3-client";

const VARS = ["BLOB_STORE", "S3_ENDPOINT", "S3_REGION", "S3_BUCKET", "S3_PREFIX", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE"];
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));

function withEnv(values: Record<string, string | undefined>) {
  for (const v of VARS) delete process.env[v];
  for (const [k, v] of Object.entries(values)) if (v !== undefined) process.env[k] = v;
  resetEnvForTests();
}

afterEach(() => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  resetEnvForTests();
});

const COMPLETE = { BLOB_STORE: "s3", S3_BUCKET: "evidence", S3_ACCESS_KEY_ID: "AKID", S3_SECRET_ACCESS_KEY: "secret" };

describe("choosing the blob store", () => {
  it("is the directory by default", () => {
    withEnv({});
    expect(env().BLOB_STORE).toBe("dir");
    expect(blobStore().kind).toBe("dir");
  });

  it("is S3 with a bucket and credentials, with AWS defaults for the rest", () => {
    withEnv(COMPLETE);
    expect(blobStore().kind).toBe("s3");
    expect(env()).toMatchObject({ S3_REGION: "us-east-1", S3_PREFIX: "", S3_FORCE_PATH_STYLE: false });
    expect(env().S3_ENDPOINT).toBeUndefined();
  });

  it("names every missing variable when BLOB_STORE=s3, and counts empty values as missing", () => {
    withEnv({ BLOB_STORE: "s3", S3_BUCKET: "", S3_ACCESS_KEY_ID: "AKID" });
    expect(() => blobStore()).toThrow(/Invalid environment:\n {2}S3_BUCKET: S3_BUCKET is required when BLOB_STORE=s3\n {2}S3_SECRET_ACCESS_KEY: S3_SECRET_ACCESS_KEY is required when BLOB_STORE=s3$/);
  });

  it("refuses an unknown store, a bad endpoint, bucket or prefix, and virtual-hosted style on an IP endpoint", () => {
    withEnv({ BLOB_STORE: "minio" });
    expect(() => env()).toThrow(/BLOB_STORE/);
    withEnv({ ...COMPLETE, S3_ENDPOINT: "ftp://example.com" });
    expect(() => env()).toThrow(/S3_ENDPOINT: must be an http\(s\) URL/);
    withEnv({ ...COMPLETE, S3_BUCKET: "Evidence_Bucket" });
    expect(() => env()).toThrow(/S3_BUCKET: must be a bucket name/);
    withEnv({ ...COMPLETE, S3_PREFIX: "/proofline/" });
    expect(() => env()).toThrow(/S3_PREFIX: must not start with a slash/);
    withEnv({ ...COMPLETE, S3_ENDPOINT: "http://127.0.0.1:9000" });
    expect(() => env()).toThrow(/S3_FORCE_PATH_STYLE: must be true for an endpoint addressed by IP or localhost \(127\.0\.0\.1\)/);
    withEnv({ ...COMPLETE, S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "true" });
    expect(env().S3_FORCE_PATH_STYLE).toBe(true);
  });

  it("does not look at S3 variables while the store is the directory", () => {
    withEnv({ BLOB_STORE: "dir", S3_ENDPOINT: "http://localhost:9000" });
    expect(blobStore().kind).toBe("dir");
  });
});

describe("S3 addressing", () => {
  const client = (endpoint: string, forcePathStyle: boolean) =>
    new S3Client({ endpoint, region: "eu-west-1", bucket: "evidence", forcePathStyle, credentials: { accessKeyId: "a", secretAccessKey: "b" } });
  const sha = "ab".repeat(32);

  it("keys originals as <prefix>sha256/<first two hex digits>/<sha256>", () => {
    expect(s3Key("", sha)).toBe(`sha256/ab/${sha}`);
    expect(s3Key("proofline/", sha)).toBe(`proofline/sha256/ab/${sha}`);
    expect(() => s3Key("", "../etc/passwd")).toThrow(/Not a sha256/);
  });

  it("puts the bucket in the path (path style) or in the host name (virtual-hosted)", () => {
    expect(client("http://127.0.0.1:9000", true).objectUrl("p/sha256/ab/x").href).toBe("http://127.0.0.1:9000/evidence/p/sha256/ab/x");
    expect(client("https://s3.eu-west-1.amazonaws.com", false).objectUrl("p/sha256/ab/x").href).toBe("https://evidence.s3.eu-west-1.amazonaws.com/p/sha256/ab/x");
    expect(client("https://acct.r2.cloudflarestorage.com/", true).objectUrl("k").href).toBe("https://acct.r2.cloudflarestorage.com/evidence/k");
    expect(client("https://gateway.example.com/s3/", true).objectUrl("a b/c+d").href).toBe("https://gateway.example.com/s3/evidence/a%20b/c%2Bd");
  });
});
