// Issue 16: /api/health/live and /api/health/ready for a load balancer, against a real database and a
// real S3-compatible endpoint (the signature-checking s3rver front). /api/health keeps its contract.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "@/tests/api";
import { makeUser } from "@/tests/factories";
import { resetEnvForTests } from "@/lib/env";
import { pendingMigrations, shippedMigrations } from "@/lib/health";
import {
  startTestS3,
  TEST_S3_ACCESS_KEY_ID,
  TEST_S3_SECRET_ACCESS_KEY,
  type TestS3,
} from "@/lib/core/storage/testing/s3-server";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { GET as health } from "@/app/api/health/route";

const VARS = [
  "BLOB_STORE",
  "BLOB_DIR",
  "S3_ENDPOINT",
  "S3_BUCKET",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "S3_FORCE_PATH_STYLE",
] as const;
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
let s3: TestS3;
let blobDir: string;

function configure(values: Partial<Record<(typeof VARS)[number], string | undefined>>) {
  for (const v of VARS) {
    if (values[v] === undefined) delete process.env[v];
    else process.env[v] = values[v];
  }
  resetEnvForTests();
}
const s3Env = (over: Partial<Record<(typeof VARS)[number], string>> = {}) => ({
  BLOB_STORE: "s3",
  BLOB_DIR: blobDir,
  S3_ENDPOINT: s3.endpoint,
  S3_BUCKET: s3.bucket,
  S3_ACCESS_KEY_ID: TEST_S3_ACCESS_KEY_ID,
  S3_SECRET_ACCESS_KEY: TEST_S3_SECRET_ACCESS_KEY,
  S3_FORCE_PATH_STYLE: "true",
  ...over,
});

async function owner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  s3 = await startTestS3();
  blobDir = await mkdtemp(path.join(tmpdir(), "proofline-ready-"));
});
afterAll(async () => {
  configure(saved);
  await s3.close();
  await rm(blobDir, { recursive: true, force: true });
});

describe("liveness and readiness", () => {
  it("live answers 200 without asking the database", async () => {
    const res = await call(live, { path: "/api/health/live" });
    expect([res.status, res.body.status, res.headers.get("cache-control")]).toEqual([200, "ok", "no-store"]);
  });

  it("ready is 200 with the database, the S3 bucket and every shipped migration in place", async () => {
    configure(s3Env());
    const res = await call(ready, { path: "/api/health/ready" });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ready");
    expect([
      res.body.checks.database.status,
      res.body.checks.blobStore.status,
      res.body.checks.migrations.status,
    ]).toEqual(["ok", "ok", "ok"]);
    // The S3 probe really went to the bucket, signed.
    expect(s3.requests.some((r) => r.method === "HEAD" && r.status === 404)).toBe(true);
  });

  it("ready is 503 when the bucket refuses the credentials; anonymous callers see no names, admins see the reason", async () => {
    configure(s3Env({ S3_SECRET_ACCESS_KEY: "wrong-secret" }));
    const anon = await call(ready, { path: "/api/health/ready" });
    expect([anon.status, anon.body.status, anon.body.checks.blobStore]).toEqual([503, "not-ready", { status: "down" }]);
    expect(anon.body.checks.database.status).toBe("ok");
    for (const leak of [new URL(s3.endpoint).host, s3.bucket, "Signature"])
      expect(JSON.stringify(anon.body)).not.toContain(leak);
    const admin = await makeUser({ role: "ADMIN" });
    const seen = await call(ready, { path: "/api/health/ready", asUser: admin.id });
    expect(seen.status).toBe(503);
    expect(seen.body.checks.blobStore.error).toMatch(/SignatureDoesNotMatch|403/);
    // Liveness does not care.
    expect((await call(live, { path: "/api/health/live" })).status).toBe(200);
  });

  it("ready is 503 when the S3 endpoint does not answer, and when the blob directory is missing", async () => {
    configure(s3Env({ S3_ENDPOINT: "http://127.0.0.1:9" }));
    expect((await call(ready, { path: "/api/health/ready" })).body.checks.blobStore.status).toBe("down");
    configure({ BLOB_STORE: "dir", BLOB_DIR: path.join(blobDir, "not-there") });
    const res = await call(ready, { path: "/api/health/ready" });
    expect([res.status, res.body.checks.blobStore.status]).toEqual([503, "down"]);
    configure({ BLOB_STORE: "dir", BLOB_DIR: blobDir });
    expect((await call(ready, { path: "/api/health/ready" })).status).toBe(200);
  });

  it("ready is 503 while a shipped migration is not applied, and names it to an admin", async () => {
    configure({ BLOB_STORE: "dir", BLOB_DIR: blobDir });
    const newest = (await shippedMigrations()).at(-1)!;
    const row = await owner((c) => c.query(`SELECT * FROM "_prisma_migrations" WHERE migration_name = $1`, [newest]));
    await owner((c) =>
      c.query(`UPDATE "_prisma_migrations" SET migration_name = migration_name || '_x' WHERE migration_name = $1`, [
        newest,
      ]),
    );
    try {
      const anon = await call(ready, { path: "/api/health/ready" });
      expect([anon.status, anon.body.checks.migrations]).toEqual([503, { status: "down" }]);
      const admin = await makeUser({ role: "ADMIN" });
      const seen = await call(ready, { path: "/api/health/ready", asUser: admin.id });
      expect(seen.body.checks.migrations.pending).toEqual([newest]);
      // The original contract is unchanged: /api/health still says ok (the database answers).
      const old = await call(health, { path: "/api/health" });
      expect([old.status, old.body.status, old.body.database.status]).toEqual([200, "ok", "ok"]);
    } finally {
      await owner((c) =>
        c.query(`UPDATE "_prisma_migrations" SET migration_name = $1 WHERE migration_name = $2`, [
          newest,
          `${newest}_x`,
        ]),
      );
    }
    expect(row.rowCount).toBe(1);
    expect((await call(ready, { path: "/api/health/ready" })).status).toBe(200);
  });
});

describe("pendingMigrations", () => {
  it("counts only shipped migrations that are not applied (newer applied ones are fine during a rolling upgrade)", () => {
    expect(pendingMigrations(["a", "b"], ["a", "b", "c"])).toEqual([]);
    expect(pendingMigrations(["a", "b", "c"], ["a"])).toEqual(["b", "c"]);
  });
});
