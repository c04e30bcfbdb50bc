// The "busy" dataset of npm run bench:dashboard: is the web server still responsive while the heavy
// background work runs? /api/health through `next start` is loaded idle, then again while, at the same
// time, (1) a packet of about 1,000 PDF pages builds in a process of its own, exactly as the worker runs
// the job (lib/packets/bench-child.ts "build", the data of bench:packet), and (2) a 500,000-line JSON
// Lines audit log is pushed through the evidence upload API of the served app. Target: health p95 while
// busy within 2x its idle p95. Runs in a scratch database of its own; uses the bench's load().
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import pg from "pg";
import { benchChild } from "./lib/bench-child";
import { deployMigrations, withDatabaseName } from "./lib/migrate";
import { ensureProductionBuild, startServedApp } from "../tests/served/served-app";

export interface BusyFigures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  failed: number;
}

export interface BusyOptions {
  admin: string;
  dist: string;
  lines: number;
  packetEvidence: number;
  load: (url: string, pathname: string, cookies: string[]) => Promise<BusyFigures>;
}

function* auditLines(n: number): Generator<string> {
  const actions = ["login", "logout", "export.download", "role.grant", "record.read", "record.update"];
  let chunk = "";
  for (let i = 0; i < n; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    chunk += `{"ts":"${ts}","actor":"user${i % 997}@example.test","action":"${actions[i % actions.length]}","target":"record/${i % 5000}","outcome":"${i % 50 ? "success" : "denied"}"}\n`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk;
}

/** Runs `fn` and reports how long it took, in seconds, and whether it failed. */
async function timed(fn: () => Promise<void>): Promise<{ seconds: number; error: string | null; endedAt: number }> {
  const t = performance.now();
  try {
    await fn();
    return { seconds: (performance.now() - t) / 1000, error: null, endedAt: performance.now() };
  } catch (err) {
    return {
      seconds: (performance.now() - t) / 1000,
      error: err instanceof Error ? err.message : String(err),
      endedAt: performance.now(),
    };
  }
}

export async function benchBusy(opts: BusyOptions): Promise<boolean> {
  const name = `proofline_bench_dash_busy_${randomBytes(3).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: opts.admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${name}"`);
  const url = withDatabaseName(opts.admin, name);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "proofline-bench-busy-"));
  const env = {
    DATABASE_URL: url,
    BLOB_STORE: "dir",
    BLOB_DIR: path.join(scratch, "blobs"),
    PACKET_DIR: path.join(scratch, "packets"),
    PACKET_SIGNING_KEY_FILE: path.join(scratch, "key.pem"),
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  };
  // The data are made through the app's own code (lib/db binds to DATABASE_URL on first use).
  Object.assign(process.env, env);
  try {
    console.log(`\nPreparing the busy scenario in ${name}…`);
    await deployMigrations(url);
    const { loadReferenceData } = await import("../lib/seed/reference");
    await loadReferenceData();
    const { generatePacketBenchData } = await import("../lib/packets/bench-data");
    const world = await generatePacketBenchData({
      evidence: opts.packetEvidence,
      requests: 100,
      blobDir: env.BLOB_DIR,
    });
    const { prisma, disconnectDb } = await import("../lib/db");
    const { makeToken } = await import("../lib/evidence/testing/helpers");
    const project = await prisma.project.create({ data: { slug: "bench-busy-ingest", name: "Bench (busy ingest)" } });
    const { secret } = await makeToken(project.id);
    await disconnectDb();
    const logFile = path.join(scratch, "audit.jsonl");
    const out = createWriteStream(logFile);
    for (const c of auditLines(opts.lines)) if (!out.write(c)) await once(out, "drain");
    out.end();
    await once(out, "finish");

    const appEnv = { ...process.env, ...env };
    await ensureProductionBuild(opts.dist, appEnv);
    const app = await startServedApp({ distDir: opts.dist, env: appEnv });
    try {
      console.log("  [busy] /api/health idle…");
      const idle = await opts.load(app.url, "/api/health", [""]);
      console.log(
        `  [busy] /api/health while a ~1,000-page packet builds and a ${opts.lines.toLocaleString("en-US")}-line audit log ingests…`,
      );
      const started = performance.now();
      const build = timed(async () => void (await benchChild("build", appEnv, world.packetId).done));
      const ingest = timed(async () => {
        const res = await fetch(`${app.url}/api/v1/projects/${project.slug}/evidence`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-length": String(statSync(logFile).size) },
          body: Readable.toWeb(createReadStream(logFile)) as ReadableStream,
          duplex: "half",
        } as RequestInit);
        if (!res.ok) throw new Error(`the upload answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        await res.text();
      });
      const busy = await opts.load(app.url, "/api/health", [""]);
      const windowEnd = performance.now();
      const [b, i] = await Promise.all([build, ingest]);
      const overlap = (r: { endedAt: number }) =>
        `${Math.min(100, (100 * (r.endedAt - started)) / (windowEnd - started)).toFixed(0)}% of the window`;
      const pages = await (async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        const { rows } = await c.query<{ pageCount: number | null; status: string }>(
          `SELECT "pageCount", status FROM "Packet" WHERE id = $1`,
          [world.packetId],
        );
        await c.end();
        return rows[0];
      })();
      const ratio = busy.p95 / idle.p95;
      const ok = ratio <= 2 && !busy.failed && !b.error && !i.error;
      console.log(`\nThe web server under background work (${world.summary})`);
      console.log(
        `  /api/health idle        req/s ${idle.rps.toFixed(0).padStart(5)}  p50 ${idle.p50.toFixed(0).padStart(5)}  p95 ${idle.p95.toFixed(0).padStart(5)}  p99 ${idle.p99.toFixed(0).padStart(5)} ms`,
      );
      console.log(
        `  /api/health while busy  req/s ${busy.rps.toFixed(0).padStart(5)}  p50 ${busy.p50.toFixed(0).padStart(5)}  p95 ${busy.p95.toFixed(0).padStart(5)}  p99 ${busy.p99.toFixed(0).padStart(5)} ms${busy.failed ? ` (${busy.failed} failed)` : ""}`,
      );
      console.log(
        `  packet build: ${b.error ?? `${pages?.pageCount ?? "?"} pages, ${pages?.status}, ${b.seconds.toFixed(0)} s`} (ran through ${overlap(b)})`,
      );
      console.log(
        `  audit log push: ${i.error ?? `${opts.lines.toLocaleString("en-US")} lines in ${i.seconds.toFixed(0)} s`} (ran through ${overlap(i)})`,
      );
      console.log(`  health p95 busy / idle = ${ratio.toFixed(2)}   target <= 2: ${ok ? "met" : "NOT met"}`);
      return ok;
    } finally {
      await app.stop();
    }
  } finally {
    await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminClient.end();
    rmSync(scratch, { recursive: true, force: true });
  }
}
