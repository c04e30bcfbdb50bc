// npm run bench:packet-served: the demo audit's packet as a lead gets it, through the served product:
// `next start` and the worker, started as deploy/Procfile starts them, on a scratch database seeded
// with the demo (as `npm start` seeds it). For each of BENCH_RUNS requests (default 5) it times
// POST /api/v1/audits/:id/packets until GET .../packets/:packetId says SUCCEEDED, as the browser polls,
// and splits that into the wait for the worker to take the job and the build itself (the packet row's
// startedAt and finishedAt). The build alone, in a fresh process running the job as the worker does
// (lib/packets/bench-child.ts), is printed beside it: what the queue and the served path add.
// Target: the demo packet in < 5 s through the served app (the median of the runs after the first).
// Uses DATABASE_URL's server (or the embedded one); the scratch database is dropped afterwards.
import "./lib/load-env";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { resolveDatabase } from "./lib/database";
import { withDatabaseName } from "./lib/migrate";
import { prepareDatabase } from "./lib/prepare";
import { runMain } from "./lib/run-main";
import { benchChild } from "./lib/bench-child";
import { ensureProductionBuild, SERVED_DIST } from "../tests/served/served-app";
import { startWeb, startWorker, type ClusterProcess } from "../tests/multi/cluster";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_S = 5;

interface Run {
  total: number;
  queued: number;
  build: number;
  pages: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<number> {
  const server = await resolveDatabase();
  const admin = process.env.DATABASE_URL ? withDatabaseName(process.env.DATABASE_URL, "postgres") : server.adminUrl;
  const name = `proofline_bench_packet_served_${randomBytes(3).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${name}"`);
  const url = withDatabaseName(admin, name);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "proofline-bench-packet-served-"));
  const processes: ClusterProcess[] = [];
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      BLOB_STORE: "dir",
      BLOB_DIR: path.join(scratch, "blobs"),
      PACKET_DIR: path.join(scratch, "packets"),
      PACKET_SIGNING_KEY_FILE: path.join(scratch, "packet-signing-key.pem"),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_DIST_DIR: process.env.SERVED_DIST_DIR ?? SERVED_DIST,
      // The demo's accounts keep their published password: the servers start only when told it is a demo.
      PROOFLINE_DEMO: "1",
    };
    // The demo's originals go to the blob store the servers read.
    Object.assign(process.env, { BLOB_STORE: env.BLOB_STORE, BLOB_DIR: env.BLOB_DIR });
    console.log(`Seeding the demo into ${name}…`);
    await prepareDatabase({ url, demo: true, log: () => undefined });
    await ensureProductionBuild(env.NEXT_DIST_DIR!, env);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const lead = (
        await db.query<{ id: string }>(
          `SELECT id FROM "User" WHERE role = 'COMPLIANCE_LEAD' AND active ORDER BY email LIMIT 1`,
        )
      ).rows[0];
      // The demo audit with the most evidence in its projects: the largest packet the demo makes.
      const audit = (
        await db.query<{ id: string; name: string }>(
          `SELECT a.id, a.name FROM "Audit" a
           ORDER BY (SELECT count(*) FROM "AuditProject" ap JOIN "Evidence" e ON e."projectId" = ap."projectId" WHERE ap."auditId" = a.id) DESC, a.id
           LIMIT 1`,
        )
      ).rows[0];
      if (!lead || !audit) throw new Error("The demo has no lead or no audit.");
      const cookie = `next-auth.session-token=${await encode({ token: { sub: lead.id, sv: 0 }, secret: env.NEXTAUTH_SECRET! })}`;
      processes.push(await startWeb("web", env), await startWorker("worker", env));
      const web = processes[0].url;
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const res = await fetch(`${web}/api/v1/audits/${audit.id}/packets`, { method: "POST", headers: { cookie } });
        if (res.status !== 202) throw new Error(`POST packets answered ${res.status}: ${await res.text()}`);
        const { id } = (await res.json()) as { id: string };
        for (;;) {
          const got = await fetch(`${web}/api/v1/audits/${audit.id}/packets/${id}`, { headers: { cookie } });
          const p = (await got.json()) as { status: string; error?: string | null };
          if (p.status === "SUCCEEDED") break;
          if (p.status === "FAILED" || p.status === "CANCELLED") throw new Error(`The packet ${p.status}: ${p.error}`);
          if (performance.now() - t > 300_000) throw new Error("The packet took more than 5 minutes.");
          await new Promise((r) => setTimeout(r, 100));
        }
        const total = performance.now() - t;
        const row = (
          await db.query<{ created: Date; started: Date; finished: Date; pages: number }>(
            `SELECT "createdAt" AS created, "startedAt" AS started, "finishedAt" AS finished, "pageCount" AS pages FROM "Packet" WHERE id = $1`,
            [id],
          )
        ).rows[0];
        runs.push({
          total,
          queued: row.started.getTime() - row.created.getTime(),
          build: row.finished.getTime() - row.started.getTime(),
          pages: row.pages,
        });
        console.log(`  run ${i + 1}: ${s(total)} (${row.pages} pages)`);
      }
      for (const p of processes.splice(0)) await p.terminate();
      // The same packet once more, built by the job alone in a fresh process: the baseline.
      const queued = await db.query<{ id: string }>(
        `INSERT INTO "Packet"(id, "auditId", "requestedById") VALUES ($1, $2, $3) RETURNING id`,
        [`bench-${randomBytes(6).toString("hex")}`, audit.id, lead.id],
      );
      const alone = await benchChild("build", env, queued.rows[0].id).done;
      const later = runs.length > 1 ? runs.slice(1) : runs;
      const served = median(later.map((r) => r.total));
      console.log(`\nThe demo packet ("${audit.name}", ${runs[0].pages} pages), ${RUNS} requests in a row:`);
      console.log(`  ${"".padEnd(44)} ${"first".padStart(9)} ${"median of the rest".padStart(19)}`);
      const row = (label: string, f: (r: Run) => number) =>
        console.log(`  ${label.padEnd(44)} ${s(f(runs[0])).padStart(9)} ${s(median(later.map(f))).padStart(19)}`);
      row("served: request until the page says ready", (r) => r.total);
      row("  of which waiting for a worker", (r) => r.queued);
      row("  of which the worker's build", (r) => r.build);
      console.log(`  baseline: the job alone in a fresh process  ${s(alone.ms).padStart(9)}   (${alone.pages} pages)`);
      console.log(
        `    its stages: ${(alone.stages ?? []).map((st) => `${st.stage.toLowerCase()} ${s(st.ms)}`).join(", ")}`,
      );
      const met = served < TARGET_S * 1000;
      console.log(`  target: < ${TARGET_S} s through the served app: ${met ? "met" : "NOT met"} (${s(served)})`);
      return met ? 0 : 1;
    } finally {
      await db.end();
    }
  } finally {
    for (const p of processes) await p.terminate();
    await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminClient.end();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

runMain(main, { print: "stack" });
