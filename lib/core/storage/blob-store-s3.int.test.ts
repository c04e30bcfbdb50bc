import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { POST as pushRoute } from "@/app/api/v1/projects/[slug]/evidence/route";
import { GET as originalRoute } from "@/app/api/v1/projects/[slug]/evidence/[id]/original/route";
import { POST as secretRoute } from "@/app/api/v1/projects/[slug]/github/secret/route";
import { blobStore, hasBlob, openBlob, putBytes } from "@/lib/core/storage/blob-store";
import { buildPacketFiles } from "@/lib/packets/build-packet-files";
import { packetWorld } from "@/lib/packets/packet-test-world";
import { hashZipEntry, listZipEntries } from "@/public/cli/proofline.mjs";
import { disconnectBulkDb } from "@/lib/evidence/bulk-db";
import { S3Client } from "@/lib/core/storage/s3-client";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { makeToken, rowCounts } from "@/lib/evidence/testing/helpers";
import { deliverGithub } from "@/lib/evidence/testing/github-delivery";
import {
  startTestS3,
  TEST_S3_ACCESS_KEY_ID,
  TEST_S3_SECRET_ACCESS_KEY,
  type TestS3,
} from "@/lib/core/storage/testing/s3-server";
import { fixtureFile } from "@/lib/ingest/testing/corpus";
import { NextRequest } from "next/server";
import { call, sessionCookie } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";
import { savedEnv } from "@/tests/env";
import { S3_VARS } from "@/lib/core/storage/testing/store-env";

// The S3 blob store against a real S3-compatible HTTP server (s3rver, behind a front that checks
// SigV4 signatures: see lib/core/storage/testing/s3-server.ts), through the API routes.

const PREFIX = "proofline/";
const VARS = ["BLOB_STORE", "BLOB_DIR", ...S3_VARS] as const;
const restoreEnv = savedEnv([...VARS, "PACKET_SIGNING_KEY_FILE"]);
let s3: TestS3;
let blobDir: string;

/** A client of the test server's bucket, signing with the test access key and this secret. */
function testS3Client(secretAccessKey = TEST_S3_SECRET_ACCESS_KEY) {
  return new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    bucket: s3.bucket,
    forcePathStyle: true,
    credentials: { accessKeyId: TEST_S3_ACCESS_KEY_ID, secretAccessKey },
  });
}

function configure(over: Partial<Record<(typeof VARS)[number], string | undefined>> = {}) {
  const values: Record<string, string | undefined> = {
    BLOB_STORE: "s3",
    BLOB_DIR: blobDir,
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: "us-east-1",
    S3_BUCKET: s3.bucket,
    S3_PREFIX: PREFIX,
    S3_ACCESS_KEY_ID: TEST_S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: TEST_S3_SECRET_ACCESS_KEY,
    S3_FORCE_PATH_STYLE: "true",
    ...over,
  };
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

beforeAll(async () => {
  s3 = await startTestS3();
  blobDir = await mkdtemp(path.join(tmpdir(), "proofline-blobs-"));
  process.env.PACKET_SIGNING_KEY_FILE = path.join(blobDir, "signing-key.pem");
  configure();
});

afterEach(() => configure());

afterAll(async () => {
  restoreEnv();
  await s3.close();
  await rm(blobDir, { recursive: true, force: true });
  await disconnectBulkDb();
});

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const keyOf = (sha256: string) => `${PREFIX}sha256/${sha256.slice(0, 2)}/${sha256}`;
const spoolFiles = () => (existsSync(path.join(blobDir, "tmp")) ? readdirSync(path.join(blobDir, "tmp")) : []);

async function setup() {
  const project = await makeProject();
  const { secret } = await makeToken(project.id);
  const push = (body: BodyInit, query = "") =>
    call(pushRoute, {
      method: "POST",
      path: `/api/v1/projects/${project.slug}/evidence${query}`,
      params: { slug: project.slug },
      rawBody: body,
      bearer: secret,
    });
  // The raw Response (call() would read a binary body as text).
  const download = async (id: string) => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const req = new NextRequest(
      new URL(`/api/v1/projects/${project.slug}/evidence/${id}/original`, "http://localhost"),
      { headers: { cookie: await sessionCookie(lead.id) } },
    );
    return originalRoute(req, { params: Promise.resolve({ slug: project.slug, id }) });
  };
  return { project, push, download };
}

describe("the S3 blob store (BLOB_STORE=s3)", () => {
  it("is the store the environment chooses", () => {
    expect(blobStore().kind).toBe("s3");
  });

  it("stores a pushed JUnit report in the bucket under its sha256 key and serves it back byte for byte", async () => {
    const { project, push, download } = await setup();
    const bytes = readFileSync(fixtureFile("junit/jest-mixed.xml"));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const first = await push(bytes);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: "created", kind: "TEST_REPORT", format: "junit", sha256 });

    expect(await s3.listKeys()).toContain(keyOf(sha256));
    expect((await s3.readObject(keyOf(sha256)))!.equals(bytes)).toBe(true);
    expect(existsSync(path.join(blobDir, "sha256"))).toBe(false); // nothing in the directory store
    expect(spoolFiles()).toEqual([]); // the spool file is gone

    const res = await download(first.body.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(res.headers.get("x-proofline-sha256")).toBe(sha256);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 1 });
    expect(await openBlob("0".repeat(64))).toBeNull();
  });

  it("keeps the same bytes once: a second push is the existing evidence, and no second object is uploaded", async () => {
    const { project, push } = await setup();
    const bytes = readFileSync(fixtureFile("sarif/pylint-sec.sarif"));
    const key = keyOf(sha256Hex(bytes));
    const first = await push(bytes);
    expect(first.status).toBe(201);
    const puts = () => s3.requests.filter((r) => r.method === "PUT" && r.path.endsWith(key)).length;
    expect(puts()).toBe(1);
    const second = await push(bytes);
    expect([second.status, second.body.status, second.body.id]).toEqual([200, "existing", first.body.id]);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 1, activity: 1 });

    // Another project sending the same bytes gets its own evidence; the object is already there (HEAD), not uploaded again.
    const other = await setup();
    expect((await other.push(bytes)).status).toBe(201);
    expect(puts()).toBe(1);
    expect((await s3.listKeys()).filter((k) => k === key)).toHaveLength(1);
  });

  it("reads an audit log's lines from the spool after the upload (JSON Lines)", async () => {
    const { project, push } = await setup();
    const res = await push(readFileSync(fixtureFile("app-audit.jsonl")));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "AUDIT_LOG", summary: { events: 5, rejected: 4, lines: 10 } });
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 1, events: 5 });
    expect(spoolFiles()).toEqual([]);
  });

  it("streams a 40 MB body up in signed parts (multipart, bounded memory) and down unchanged", async () => {
    const { push, download } = await setup();
    const chunk = Buffer.alloc(1024 * 1024);
    const sizeMb = 40;
    const hash = createHash("sha256");
    const chunks = Array.from({ length: sizeMb }, (_, i) => {
      const c = Buffer.from(chunk.fill(i + 1));
      hash.update(c);
      return c;
    });
    const sha256 = hash.digest("hex");
    const before = s3.requests.length;
    const res = await push(
      Readable.toWeb(Readable.from(chunks)) as ReadableStream<Uint8Array>,
      "?format=manual&filename=big.bin",
    );
    expect(res.status).toBe(201);
    expect(res.body.sha256).toBe(sha256);
    // 40 MiB in 16 MiB parts: start, three signed part uploads, complete; every one passed the signature check.
    const calls = s3.requests.slice(before).filter((r) => r.path.endsWith(keyOf(sha256)));
    expect(calls.map((r) => [r.method, r.status])).toEqual([
      ["HEAD", 404],
      ["POST", 200],
      ["PUT", 200],
      ["PUT", 200],
      ["PUT", 200],
      ["POST", 200],
    ]);
    expect((await s3.readObject(keyOf(sha256)))!.length).toBe(sizeMb * 1024 * 1024);
    const down = await download(res.body.id);
    expect(down.headers.get("content-length")).toBe(String(sizeMb * 1024 * 1024));
    const got = createHash("sha256");
    for await (const c of Readable.fromWeb(down.body! as import("node:stream/web").ReadableStream<Uint8Array>))
      got.update(c as Buffer);
    expect(got.digest("hex")).toBe(sha256);
  });

  it("deletes the object and fails when the file changed between hashing and upload", async () => {
    const client = testS3Client();
    const file = path.join(blobDir, "changed.bin");
    writeFileSync(file, "the bytes as they are now");
    const claimed = sha256Hex("the bytes as they were hashed");
    const err = await client.put(`${PREFIX}changed`, { file }, 25, claimed).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/sent bytes with sha256 [0-9a-f]{64}, not [0-9a-f]{64}: the spool file changed/);
    expect(await s3.listKeys()).not.toContain(`${PREFIX}changed`);
  });

  it("takes its credentials from the AWS credential chain when no static keys are set", async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = TEST_S3_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_S3_SECRET_ACCESS_KEY;
    try {
      configure({ S3_ACCESS_KEY_ID: undefined, S3_SECRET_ACCESS_KEY: undefined });
      const bytes = Buffer.from(`chain ${Math.random()}`);
      expect(await putBytes(bytes)).toEqual({ sha256: sha256Hex(bytes), size: bytes.length });
      expect((await s3.readObject(keyOf(sha256Hex(bytes))))?.equals(bytes)).toBe(true);
      // The chain's keys, not static ones: with a wrong secret in the environment the store is refused.
      process.env.AWS_SECRET_ACCESS_KEY = "not-the-secret";
      configure({ S3_ACCESS_KEY_ID: undefined, S3_SECRET_ACCESS_KEY: undefined });
      await expect(putBytes(Buffer.from(`chain refused ${Math.random()}`))).rejects.toThrow(/403/);
    } finally {
      for (const [k, v] of [
        ["AWS_ACCESS_KEY_ID", saved.id],
        ["AWS_SECRET_ACCESS_KEY", saved.secret],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("stores GitHub webhook bodies (putBytes) in the bucket", async () => {
    const project = await makeProject();
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const secret: string = (
      await call(secretRoute, { method: "POST", params: { slug: project.slug }, asUser: lead.id })
    ).body.secret;
    const run = {
      id: 9101,
      name: "ci",
      head_branch: "main",
      head_sha: "e".repeat(40),
      conclusion: "success",
      status: "completed",
      html_url: "https://github.com/example/portal/actions/runs/9101",
      run_attempt: 1,
      updated_at: "2026-03-04T08:00:00Z",
    };
    const body = JSON.stringify({
      action: "completed",
      repository: { full_name: "example/portal" },
      workflow_run: run,
    });
    const res = await deliverGithub({
      slug: project.slug,
      event: "workflow_run",
      body,
      deliveryId: "d-s3",
      sign: { secret },
    });
    expect(res.status).toBe(201);
    const sha256 = sha256Hex(body);
    expect((await s3.readObject(keyOf(sha256)))?.toString("utf8")).toBe(body);
    expect(await putBytes(Buffer.from(body))).toEqual({ sha256, size: Buffer.byteLength(body) });
    expect(await hasBlob(sha256)).toBe(true);
  });

  it("builds an auditor packet whose originals are streamed from the bucket", { timeout: 240_000 }, async () => {
    const w = await packetWorld(); // writes its originals into the configured store: the bucket
    for (const e of w.evidence) expect(await s3.listKeys()).toContain(keyOf(e.sha256!));
    expect(existsSync(path.join(blobDir, "sha256"))).toBe(false); // none in the directory store
    const outFile = path.join(blobDir, "packet.zip");
    await buildPacketFiles({
      auditId: w.audit.id,
      requestedById: w.lead.id,
      workDir: path.join(blobDir, "work"),
      outFile,
    });
    const entries = await listZipEntries(outFile);
    const inWindow = w.evidence.filter((e) => e.effectiveAt <= new Date("2026-06-30T23:59:59.999Z"));
    expect(inWindow.length).toBeGreaterThan(1);
    for (const e of inWindow) {
      const entry = entries.find(
        (x: { name: string }) => x.name === `evidence/${w.project.slug}/${e.sha256}-report.xml`,
      );
      expect(entry, e.title).toBeDefined();
      const hash = createHash("sha256");
      await hashZipEntry(outFile, entry, (c: Buffer) => hash.update(c));
      expect(hash.digest("hex")).toBe(e.sha256);
    }
  });

  it("answers 502 problem+json naming the credentials when the secret key is wrong, and writes nothing", async () => {
    const { project, push } = await setup();
    configure({ S3_SECRET_ACCESS_KEY: "not-the-secret" });
    const bytes = Buffer.from('<testsuite name="wrong-secret" tests="1"><testcase name="a"/></testsuite>\n');
    const res = await push(bytes);
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.type).toBe("urn:proofline:problem:blob-store-failed");
    expect(res.body.detail).toMatch(/403/);
    expect(res.body.detail).toMatch(/S3_ACCESS_KEY_ID.*S3_SECRET_ACCESS_KEY/);
    // The caller is not told where the store is: no endpoint, bucket, key or S3's own message (issue 11, "Leaks").
    const shown = JSON.stringify(res.body);
    for (const secret of [
      new URL(s3.endpoint).host,
      s3.bucket,
      PREFIX,
      "SignatureDoesNotMatch (",
      "The request signature",
    ])
      expect(shown).not.toContain(secret);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 0, activity: 0 });
    expect(await s3.listKeys()).not.toContain(keyOf(sha256Hex(bytes)));
    expect(spoolFiles()).toEqual([]);
    expect(s3.requests.at(-1)).toMatchObject({ status: 403 });
  });

  it("names SignatureDoesNotMatch and the variables when an upload is signed with the wrong secret", async () => {
    const client = testS3Client("not-the-secret");
    const err = await client.put(`${PREFIX}wrong-secret`, { bytes: Buffer.from("x") }, 1, sha256Hex("x")).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(
      /^S3 PUT of proofline\/wrong-secret in bucket "proofline-test" was refused: 403 SignatureDoesNotMatch \(.*\)\. Check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/,
    );
    expect(await s3.listKeys()).not.toContain(`${PREFIX}wrong-secret`);
  });

  it("refuses a correctly signed request that was changed after signing, and a body that is not the signed one", async () => {
    // The SDK signs the request; a middleware after signing (the deserialize step) then changes it on the way out.
    const tampered = (change: (req: { path: string; body: unknown; headers: Record<string, string> }) => void) => {
      const client = testS3Client();
      client.sdk.middlewareStack.add(
        (next) => async (args) => {
          change(args.request as { path: string; body: unknown; headers: Record<string, string> });
          return next(args);
        },
        { step: "deserialize", name: "tamper" },
      );
      return (key: string, body: string) =>
        client.sdk.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body })).then(
          () => 200,
          (e: { $metadata?: { httpStatusCode?: number }; name: string }) => `${e.$metadata?.httpStatusCode} ${e.name}`,
        );
    };
    expect(await tampered((req) => (req.path = req.path.replace(/a$/, "b")))(`${PREFIX}a`, "original bytes")).toBe(
      "403 SignatureDoesNotMatch",
    );
    expect(
      await tampered((req) => {
        req.body = "other bytes!!!";
      })(`${PREFIX}a`, "original bytes"),
    ).toBe("400 XAmzContentSHA256Mismatch");
    expect(await tampered(() => undefined)(`${PREFIX}a`, "original bytes")).toBe(200);
    expect(await s3.listKeys()).not.toContain(`${PREFIX}b`);
  });

  it("names the variable to check for an unknown access key, a missing bucket and an unreachable endpoint", async () => {
    const bytes = Buffer.from(`manual ${Math.random()}`);
    const failure = () =>
      putBytes(bytes).then(
        () => null,
        (e: unknown) => e as Error,
      );
    // s3rver itself refuses an access key id it does not know.
    configure({ S3_ENDPOINT: s3.directEndpoint, S3_ACCESS_KEY_ID: "NOT-A-KEY" });
    expect((await failure())?.message).toMatch(/403.*S3_ACCESS_KEY_ID/);
    configure({ S3_BUCKET: "no-such-bucket" });
    expect((await failure())?.message).toMatch(/NoSuchBucket.*Check S3_BUCKET/);
    configure({ S3_ENDPOINT: "http://127.0.0.1:9" });
    expect((await failure())?.message).toMatch(
      /Cannot reach the S3 endpoint http:\/\/127\.0\.0\.1:9 .*Check S3_ENDPOINT/,
    );
  });

  it("says which variables are missing when BLOB_STORE=s3 is chosen without a bucket or credentials", () => {
    configure({ S3_BUCKET: undefined, S3_SECRET_ACCESS_KEY: "" });
    expect(() => blobStore()).toThrow(
      /S3_BUCKET: S3_BUCKET is required when BLOB_STORE=s3[\s\S]*S3_SECRET_ACCESS_KEY: S3_SECRET_ACCESS_KEY is required/,
    );
  });
});
