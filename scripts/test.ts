// npm test: every tier, on a fresh machine with no variables set.
//   static       typecheck + lint
//   unit         vitest, pure logic
//   integration  vitest against real PostgreSQL: DATABASE_URL's server when set, else an embedded one
//   conformance  vitest, the parsers against ../shared/corpus and ../shared/seeds: run when that folder is
//                beside the repository, required under CI (CI=true), reported as not run otherwise
//   served       vitest against `next start` (the e2e build): bodies of every size pushed through HTTP,
//                integrity refusals, the web server's memory (tests/served/)
//   e2e          Playwright in Debian's chromium against a production build, fresh database with demo data
//   multi        two web servers + two workers from deploy/Procfile on one database and one S3 endpoint
//                (tests/multi/); run by `npm run test:multi` and by .ci/run, not by a bare `npm test`
// `npm test` runs the others; `tsx scripts/test.ts <tier> [-- args]` runs one (args go to vitest/playwright).
import "./lib/load-env";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { rmSync } from "node:fs";
import { ensureProductionBuild, startServedApp, type ServedApp } from "../tests/served/served-app";
import { startTestServer, createDatabase, dropDatabasesWithPrefix } from "../tests/setup/test-server";
import { freePort, type DatabaseServer } from "./lib/database";
import { prepareDatabase } from "./lib/prepare";
import { run } from "./lib/children";

const TIERS = ["static", "unit", "integration", "conformance", "served", "e2e", "multi"] as const;
type Tier = (typeof TIERS)[number];
// Tiers a bare `npm test` runs (multi takes minutes of its own: npm run test:multi).
const DEFAULT_TIERS: Tier[] = ["static", "unit", "integration", "conformance", "served", "e2e"];

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const named = (dash >= 0 ? argv.slice(0, dash) : argv).filter((a) =>
  (TIERS as readonly string[]).includes(a),
) as Tier[];
const passThrough = dash >= 0 ? argv.slice(dash + 1) : argv.filter((a) => !(TIERS as readonly string[]).includes(a));
const tiers: Tier[] = named.length ? named : DEFAULT_TIERS;
const node = process.execPath;
const bin = (pkg: string, file: string) => path.join("node_modules", pkg, file);
const E2E_DIST = ".next-e2e";

let server: DatabaseServer | undefined;
async function testServer(): Promise<DatabaseServer> {
  if (!server) {
    server = await startTestServer();
    console.log(
      server.embedded
        ? "Tests use an embedded PostgreSQL (throwaway)."
        : "Tests use the PostgreSQL server in DATABASE_URL.",
    );
  }
  return server;
}

async function runTier(tier: Tier): Promise<void> {
  switch (tier) {
    case "static":
      await run(node, ["scripts/prisma-generate.mjs"]);
      await run(node, [bin("typescript", "bin/tsc"), "--noEmit"]);
      await run(node, [bin("eslint", "bin/eslint.js"), "--max-warnings=0", "."]);
      await run(node, [bin("prettier", "bin/prettier.cjs"), "--check", "."]);
      return;
    case "unit":
      await run(node, [bin("vitest", "vitest.mjs"), "run", "--project", "unit", ...passThrough]);
      return;
    case "integration": {
      const s = await testServer();
      await run(node, [bin("vitest", "vitest.mjs"), "run", "--project", "integration", ...passThrough], {
        env: { ...process.env, DATABASE_URL: s.adminUrl },
      });
      return;
    }
    case "conformance":
      await runConformance();
      return;
    case "served":
      await runServed();
      return;
    case "e2e":
      await runE2e();
      return;
    case "multi":
      await runMulti();
      return;
  }
}

// The shared corpus and seed documents live beside the repository, never inside it. A fresh clone
// without them passes every other tier on the repository's own fixtures; CI must have them.
const SHARED = path.resolve("..", "shared");
const notRun: string[] = [];

async function runConformance(): Promise<void> {
  const present = existsSync(path.join(SHARED, "corpus")) && existsSync(path.join(SHARED, "seeds"));
  if (!present) {
    const ci = (process.env.CI ?? "").toLowerCase();
    if (ci && ci !== "false" && ci !== "0")
      throw new Error(`${SHARED}/corpus and ${SHARED}/seeds are required under CI`);
    console.log(`The conformance tier was NOT run: ${SHARED} (corpus and seeds) is not beside the repository.`);
    notRun.push("conformance");
    return;
  }
  await run(node, [bin("vitest", "vitest.mjs"), "run", "--project", "conformance", ...passThrough]);
}

// The production app as users run it (`next start` from the e2e build, built once per run), on a fresh
// database; tests/served push through HTTP and read the server's memory from /proc.
async function runServed(): Promise<void> {
  const s = await testServer();
  const prefix = `proofline_served_${Date.now().toString(36)}`;
  const url = await createDatabase(s.adminUrl, `${prefix}_${randomBytes(3).toString("hex")}`);
  const blobDir = path.resolve(".data", "served-blobs", prefix);
  let app: ServedApp | undefined;
  try {
    await prepareDatabase({ url, demo: false, log: () => undefined });
    const env = {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      SECRETS_KEY: randomBytes(32).toString("base64"),
      BLOB_STORE: "dir",
      BLOB_DIR: blobDir,
    };
    const dist = process.env.SERVED_DIST_DIR || E2E_DIST;
    await ensureProductionBuild(dist, env);
    app = await startServedApp({ distDir: dist, env });
    await run(node, [bin("vitest", "vitest.mjs"), "run", "--project", "served", ...passThrough], {
      env: { ...env, SERVED_URL: app.url, SERVED_PID: String(app.pid) },
    });
  } finally {
    await app?.stop();
    rmSync(blobDir, { recursive: true, force: true });
    await dropDatabasesWithPrefix(s.adminUrl, prefix);
  }
}

// Two web servers and two workers started from deploy/Procfile (the test starts them), on an empty
// database (the Procfile's release step migrates it) and one signature-checking S3 endpoint.
async function runMulti(): Promise<void> {
  const s = await testServer();
  const prefix = `proofline_multi_${Date.now().toString(36)}`;
  const url = await createDatabase(s.adminUrl, `${prefix}_${randomBytes(3).toString("hex")}`);
  const { startTestS3, TEST_S3_ACCESS_KEY_ID, TEST_S3_SECRET_ACCESS_KEY } =
    await import("../lib/core/storage/testing/s3-server");
  const s3 = await startTestS3();
  const dir = path.resolve(".data", "multi", prefix);
  try {
    const dist = process.env.MULTI_DIST_DIR || E2E_DIST;
    const env = {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      SECRETS_KEY: randomBytes(32).toString("base64"),
      NEXT_DIST_DIR: dist,
      BLOB_STORE: "s3",
      BLOB_DIR: path.join(dir, "spool"),
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: TEST_S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: TEST_S3_SECRET_ACCESS_KEY,
      S3_FORCE_PATH_STYLE: "true",
      PACKET_DIR: path.join(dir, "packets"),
      PACKET_SIGNING_KEY_FILE: path.join(dir, "packet-signing-key.pem"),
      // Long enough that a stopping worker's build reaches its checkpoint on a busy machine.
      WORKER_STOP_GRACE_MS: "60000",
    };
    await ensureProductionBuild(dist, env);
    await run(node, [bin("vitest", "vitest.mjs"), "run", "--project", "multi", ...passThrough], { env });
  } finally {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
    await dropDatabasesWithPrefix(s.adminUrl, prefix);
  }
}

async function runE2e(): Promise<void> {
  const s = await testServer();
  const prefix = `proofline_e2e_${Date.now().toString(36)}`;
  const url = await createDatabase(s.adminUrl, `${prefix}_${randomBytes(3).toString("hex")}`);
  // E2E_DIST_DIR: a build directory of one's own (several people building at once on one machine).
  const dist = process.env.E2E_DIST_DIR || E2E_DIST;
  try {
    await prepareDatabase({ url, demo: true, log: () => undefined });
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      SECRETS_KEY: randomBytes(32).toString("base64"),
      NEXT_DIST_DIR: dist,
      E2E_PORT: String(port),
      E2E_WORKER_PORT: String(await freePort()),
      PROOFLINE_TEST_CLOCK: "1",
      // Lets the production server honour PROOFLINE_TEST_CLOCK (next start refuses it otherwise: lib/test-clock-guard.ts).
      PROOFLINE_TEST_RUNNER: "1",
      // The e2e database holds the demo accounts (seeded above, on purpose): the explicit test flag that
      // lets the production server start with them (lib/auth/demo-accounts.ts).
      PROOFLINE_DEMO: "1",
      BLOB_DIR: path.join(".data", "e2e-blobs", prefix),
    };
    await ensureProductionBuild(dist, env);
    await run(node, [bin("@playwright/test", "cli.js"), "test", ...passThrough], { env });
  } finally {
    await dropDatabasesWithPrefix(s.adminUrl, prefix);
  }
}

async function main() {
  const results: Array<{ tier: Tier; ok: boolean; seconds: number; error?: string }> = [];
  for (const tier of tiers) {
    console.log(`\n=== ${tier} ===`);
    const started = Date.now();
    try {
      await runTier(tier);
      results.push({ tier, ok: true, seconds: (Date.now() - started) / 1000 });
    } catch (err) {
      results.push({
        tier,
        ok: false,
        seconds: (Date.now() - started) / 1000,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  await server?.stop();
  console.log("\n=== summary ===");
  for (const r of results)
    console.log(
      `${r.ok ? (notRun.includes(r.tier) ? "NOT RUN" : "PASS") : "FAIL"}  ${r.tier.padEnd(12)} ${r.seconds.toFixed(1)} s${r.error ? `  (${r.error})` : ""}`,
    );
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main().catch(async (err) => {
  console.error(err);
  await server?.stop();
  process.exit(1);
});
