import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";
import { blobStore } from "@/lib/core/storage/blob-store";
import { s3Key } from "@/lib/core/storage/blob-store-s3";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { partSizeFor, S3_MIN_PART_BYTES, S3Client } from "@/lib/core/storage/s3-client";
import { S3_VARS } from "@/lib/core/storage/testing/store-env";
import { savedEnv } from "@/tests/env";

const VARS = ["BLOB_STORE", ...S3_VARS];
const restoreEnv = savedEnv(VARS);

function withEnv(values: Record<string, string | undefined>) {
  for (const v of VARS) delete process.env[v];
  for (const [k, v] of Object.entries(values)) if (v !== undefined) process.env[k] = v;
  resetEnvForTests();
}

afterEach(restoreEnv);

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

  it("names every missing variable when BLOB_STORE=s3, counts empty values as missing, and refuses half a key pair", () => {
    withEnv({ BLOB_STORE: "s3", S3_BUCKET: "", S3_ACCESS_KEY_ID: "AKID" });
    expect(() => blobStore()).toThrow(
      /Invalid environment:\n {2}S3_BUCKET: S3_BUCKET is required when BLOB_STORE=s3\n {2}S3_SECRET_ACCESS_KEY: S3_SECRET_ACCESS_KEY is required when S3_ACCESS_KEY_ID is set \(or leave both unset to use the standard AWS credential chain\)$/,
    );
    withEnv({ BLOB_STORE: "s3", S3_BUCKET: "evidence", S3_SECRET_ACCESS_KEY: "secret" });
    expect(() => env()).toThrow(/S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID is required when S3_SECRET_ACCESS_KEY is set/);
  });

  it("uses the AWS credential chain when no static keys are set", () => {
    withEnv({ BLOB_STORE: "s3", S3_BUCKET: "evidence" });
    expect(blobStore().kind).toBe("s3");
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
    expect(() => env()).toThrow(
      /S3_FORCE_PATH_STYLE: must be true for an endpoint addressed by IP or localhost \(127\.0\.0\.1\)/,
    );
    withEnv({ ...COMPLETE, S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "true" });
    expect(env().S3_FORCE_PATH_STYLE).toBe(true);
  });

  it("does not look at S3 variables while the store is the directory", () => {
    withEnv({ BLOB_STORE: "dir", S3_ENDPOINT: "http://localhost:9000" });
    expect(blobStore().kind).toBe("dir");
  });
});

describe("S3 addressing and part sizes", () => {
  const sha = "ab".repeat(32);

  /** The URL the SDK would send a HEAD of `key` to: captured after signing, never sent. */
  async function urlOf(endpoint: string | undefined, forcePathStyle: boolean, key: string): Promise<string> {
    const client = new S3Client({
      endpoint,
      region: "eu-west-1",
      bucket: "evidence",
      forcePathStyle,
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    let seen = "";
    client.sdk.middlewareStack.add(
      () => async (args) => {
        const req = args.request as {
          protocol: string;
          hostname: string;
          port?: number;
          path: string;
          headers: Record<string, string>;
        };
        seen = `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ""}${req.path}`;
        expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=a\/\d{8}\/eu-west-1\/s3\/aws4_request/);
        throw new Error("captured");
      },
      { step: "deserialize", name: "captureUrl" },
    );
    await client.sdk
      .send(new HeadObjectCommand({ Bucket: "evidence", Key: key }))
      .catch((e: Error) => expect(e.message).toBe("captured"));
    return seen;
  }

  it("keys originals as <prefix>sha256/<first two hex digits>/<sha256>", () => {
    expect(s3Key("", sha)).toBe(`sha256/ab/${sha}`);
    expect(s3Key("proofline/", sha)).toBe(`proofline/sha256/ab/${sha}`);
    expect(() => s3Key("", "../etc/passwd")).toThrow(/Not a sha256/);
  });

  it("puts the bucket in the path (path style) or in the host name (virtual-hosted), and finds AWS from the region", async () => {
    expect(await urlOf("http://127.0.0.1:9000", true, "p/sha256/ab/x")).toBe(
      "http://127.0.0.1:9000/evidence/p/sha256/ab/x",
    );
    expect(await urlOf("https://s3.eu-west-1.amazonaws.com", false, "p/sha256/ab/x")).toBe(
      "https://evidence.s3.eu-west-1.amazonaws.com/p/sha256/ab/x",
    );
    expect(await urlOf(undefined, false, "k")).toBe("https://evidence.s3.eu-west-1.amazonaws.com/k");
    expect(await urlOf("https://acct.r2.cloudflarestorage.com/", true, "k")).toBe(
      "https://acct.r2.cloudflarestorage.com/evidence/k",
    );
    expect(await urlOf("https://gateway.example.com/s3/", true, "a b/c+d")).toBe(
      "https://gateway.example.com/s3/evidence/a%20b/c%2Bd",
    );
  });

  it("sizes parts so that any object fits in S3's 10,000 parts, never below 16 MiB", () => {
    const MiB = 1024 ** 2;
    expect(partSizeFor(0)).toBe(S3_MIN_PART_BYTES);
    expect(partSizeFor(5 * 1024 * MiB)).toBe(S3_MIN_PART_BYTES);
    for (const size of [200 * 1024 ** 3, 5 * 1024 ** 4]) {
      expect(Math.ceil(size / partSizeFor(size))).toBeLessThanOrEqual(10_000);
      expect(partSizeFor(size)).toBeGreaterThan(S3_MIN_PART_BYTES);
    }
  });
});
