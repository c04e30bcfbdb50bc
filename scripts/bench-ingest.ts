// npm run bench:ingest: ingest speed and memory, each printed beside a baseline measured in the same run.
//   1. Audit-log lines per second through POST /evidence (HTTP → the route handler → COPY) against a
//      plain COPY of the same rows from Node (target: at least 0.5× the baseline).
//   2. Peak memory of ingesting a 250 MB JUnit report (target: under 250 MB) beside parsing it alone.
//   3. Evidence-table pages on a project with a million evidence rows (first page, deep page, filters).
//   1b. A gzipped CloudTrail file of BENCH_CLOUDTRAIL_MB (default 100, 0 skips) pushed as it is to the
//      served app: the exact event count and the web server's peak RSS (target < 300 MB), printed beside
//      the JSON Lines push of section 1 through the same served app.
//   Sections 1 and 2 also push through the served app (`next start` from the production build, as users
//   run it): lines/s of the same audit log beside the same COPY baseline, and the web server's peak RSS
//   (VmHWM) for the 250 MB JUnit report (target < 300 MB). SERVED_DIST_DIR names the build (.next-e2e).
// Uses DATABASE_URL's server (or the embedded one) with a scratch database that is dropped afterwards.
// Sizes: BENCH_LINES (default 500000), BENCH_JUNIT_MB (250), BENCH_LIST_ROWS (1000000).
import "./lib/load-env";
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { resolveDatabase } from "./lib/database";
import { deployMigrations, withDatabaseName } from "./lib/migrate";
import { benchAppEnv } from "./lib/bench-env";
import { randomBytes } from "node:crypto";
import { ensureProductionBuild, SERVED_DIST, startServedApp, type ServedApp } from "../tests/served/served-app";
import { writeCloudTrailGz } from "../tests/served/cloudtrail-body";
import { runMain } from "./lib/run-main";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LINES = Number(process.env.BENCH_LINES ?? 500_000);
const JUNIT_MB = Number(process.env.BENCH_JUNIT_MB ?? 250);
const LIST_ROWS = Number(process.env.BENCH_LIST_ROWS ?? 1_000_000);
const CLOUDTRAIL_MB = Number(process.env.BENCH_CLOUDTRAIL_MB ?? 100);
const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function writeFile(file: string, chunks: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  for (const c of chunks) if (!out.write(c)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  return statSync(file).size;
}

function* auditLines(n: number): Generator<string> {
  const actions = ["login", "logout", "export.download", "role.grant", "record.read", "record.update"];
  let chunk = "";
  for (let i = 0; i < n; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    chunk += `{"ts":"${ts}","actor":"user${i % 997}@example.test","action":"${actions[i % actions.length]}","target":"study/${i % 5000}","outcome":"${i % 50 ? "success" : "denied"}","ip":"10.0.${i % 250}.${i % 200}"}\n`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk;
}

function* junitReport(targetBytes: number): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n';
  let written = 0;
  for (let s = 0; written < targetBytes; s++) {
    let chunk = `<testsuite name="suite-${s}" timestamp="2026-03-01T10:00:00Z">\n`;
    for (let i = 0; i < 1000; i++) {
      const name = `test_${s}_${i}`;
      chunk +=
        i % 97 === 0
          ? `<testcase classname="pkg.mod${s}" name="${name}" time="0.012"><failure message="assert ${i} == ${i + 1}" type="AssertionError">Traceback (most recent call last):\n  File "tests/test_${s}.py", line ${i}, in ${name}\n    assert value == expected\nAssertionError</failure><system-out>${"log line\n".repeat(20)}</system-out></testcase>\n`
          : `<testcase classname="pkg.mod${s}" name="${name}" time="0.004"><system-out>${"ok\n".repeat(10)}</system-out></testcase>\n`;
    }
    chunk += "</testsuite>\n";
    written += chunk.length;
    yield chunk;
  }
  yield "</testsuites>\n";
}

/** The baseline: the same rows COPYed straight from Node, already mapped (no HTTP, no parsing). */
async function plainCopy(url: string, projectId: string, n: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  await client.query("BEGIN");
  const stream = client.query(
    copyFrom(
      `COPY "AuditEvent" ("projectId","evidenceId","lineNo","occurredAt","actor","action","target","outcome","source","raw") FROM STDIN`,
    ),
  );
  const actions = ["login", "logout", "export.download", "role.grant", "record.read", "record.update"];
  let buf = "";
  for (let i = 0; i < n; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    const raw = `{"ts":"${ts}","actor":"user${i % 997}@example.test","action":"${actions[i % actions.length]}","target":"study/${i % 5000}","outcome":"${i % 50 ? "success" : "denied"}","ip":"10.0.${i % 250}.${i % 200}"}`;
    buf += `${projectId}\tbaseline\t${i + 1}\t${ts}\tuser${i % 997}@example.test\t${actions[i % actions.length]}\tstudy/${i % 5000}\t${i % 50 ? "success" : "denied"}\t10.0.${i % 250}.${i % 200}\t${raw}\n`;
    if (buf.length > 256 * 1024) {
      if (!stream.write(buf)) await once(stream, "drain");
      buf = "";
    }
  }
  stream.end(buf);
  await once(stream, "finish");
  await client.query("COMMIT");
  const seconds = (performance.now() - started) / 1000;
  await client.query(`DELETE FROM "AuditEvent" WHERE "evidenceId" = 'baseline'`);
  await client.end();
  return seconds;
}

/** An HTTP server that hands requests to the route handler the way Next does. */
async function apiServer(): Promise<{ url: string; close(): Promise<void> }> {
  const { NextRequest } = await import("next/server");
  const { POST } = await import("../app/api/v1/projects/[slug]/evidence/route");
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const slug = url.pathname.split("/")[4];
    const request = new NextRequest(url, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: Readable.toWeb(req) as ReadableStream,
      duplex: "half",
    } as never);
    const answer = await POST(request, { params: Promise.resolve({ slug }) });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** The production app on the bench database (built once into SERVED_DIST_DIR, default .next-e2e). */
async function servedApp(url: string, blobDir: string): Promise<ServedApp> {
  const env = benchAppEnv({ url, blobDir, secret: randomBytes(32).toString("base64url") });
  const dist = process.env.SERVED_DIST_DIR || SERVED_DIST;
  await ensureProductionBuild(dist, env);
  return startServedApp({ distDir: dist, env });
}

async function push(
  base: string,
  slug: string,
  secret: string,
  file: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/api/v1/projects/${slug}/evidence`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-length": String(statSync(file).size) },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: "half",
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

// The measured processes run the ingest code bundled by esbuild under plain node, as the production
// server runs compiled code: run under tsx, they would also count the TypeScript compiler's memory.
const CHILD = path.resolve(HERE, "../.data/bench/ingest-child.mjs");

function bundleChild(): void {
  const r = spawnSync(
    path.resolve(HERE, "../node_modules/.bin/esbuild"),
    [
      path.join(HERE, "bench-ingest-child.ts"),
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--packages=external",
      `--outfile=${CHILD}`,
      "--log-level=warning",
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`bundling the measured process failed: ${r.stderr}`);
}

function child(
  mode: string,
  file: string,
  extra: Record<string, string> = {},
): { seconds: number; peakMb: number; result: string } {
  const r = spawnSync(process.execPath, [CHILD, mode, file], { env: { ...process.env, ...extra }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

async function main() {
  const server = await resolveDatabase();
  const name = `proofline_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = withDatabaseName(server.adminUrl, name);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "proofline-bench-"));
  process.env.DATABASE_URL = url;
  process.env.BLOB_DIR = path.join(tmp, "blobs");
  try {
    await deployMigrations(url);
    const { prisma, disconnectDb } = await import("../lib/db");
    const { makeToken } = await import("../lib/evidence/testing/helpers");
    const { disconnectBulkDb } = await import("../lib/evidence/bulk-db");
    const project = await prisma.project.create({ data: { slug: "bench", name: "Bench" } });
    const { secret } = await makeToken(project.id);

    console.log(`\n1. Audit log: ${fmt(LINES)} lines`);
    const logFile = path.join(tmp, "audit.jsonl");
    const logBytes = await writeFile(logFile, auditLines(LINES));
    const baseline = await plainCopy(url, project.id, LINES);
    const api = await apiServer();
    const started = performance.now();
    const pushed = await push(api.url, project.slug, secret, logFile);
    const apiSeconds = (performance.now() - started) / 1000;
    await api.close();
    if (pushed.status !== 201) throw new Error(`push answered ${pushed.status}: ${JSON.stringify(pushed.body)}`);
    const events = await prisma.auditEvent.count({ where: { evidenceId: String(pushed.body.id) } });
    const ratio = baseline / apiSeconds;
    console.log(`   file ${fmt(logBytes / MB, 1)} MB; ${fmt(events)} events stored`);
    console.log(
      `   baseline: plain COPY of the same rows from Node   ${fmt(LINES / baseline).padStart(10)} lines/s   (${fmt(baseline, 2)} s)`,
    );
    console.log(
      `   POST /evidence end to end (HTTP, parse, COPY)    ${fmt(LINES / apiSeconds).padStart(10)} lines/s   (${fmt(apiSeconds, 2)} s)   ${fmt(ratio, 2)}× baseline, target ≥ 0.5×: ${ratio >= 0.5 ? "met" : "NOT MET"}`,
    );
    // The same file through `next start`, as a different project (the bytes are new there).
    const servedProject = await prisma.project.create({ data: { slug: "bench-served", name: "Bench (served)" } });
    const servedToken = await makeToken(servedProject.id);
    let app = await servedApp(url, process.env.BLOB_DIR!);
    const servedStarted = performance.now();
    const servedPush = await push(app.url, servedProject.slug, servedToken.secret, logFile);
    const servedSeconds = (performance.now() - servedStarted) / 1000;
    const jsonlPeakMb = app.peakRss() / MB;
    await app.stop();
    if (servedPush.status !== 201)
      throw new Error(`served push answered ${servedPush.status}: ${JSON.stringify(servedPush.body)}`);
    const servedEvents = await prisma.auditEvent.count({ where: { evidenceId: String(servedPush.body.id) } });
    const servedRatio = baseline / servedSeconds;
    console.log(
      `   the served app (next start), end to end          ${fmt(LINES / servedSeconds).padStart(10)} lines/s   (${fmt(servedSeconds, 2)} s)   ${fmt(servedRatio, 2)}× baseline, target ≥ 0.5×: ${servedRatio >= 0.5 ? "met" : "NOT MET"}   (${fmt(servedEvents)} events)`,
    );

    if (CLOUDTRAIL_MB > 0) {
      console.log(`\n1b. CloudTrail log file, ${CLOUDTRAIL_MB} MB gzipped, sent as it is to the served app`);
      const ctFile = path.join(tmp, "cloudtrail.json.gz");
      const ct = await writeCloudTrailGz(ctFile, CLOUDTRAIL_MB * MB);
      const ctProject = await prisma.project.create({ data: { slug: "bench-cloudtrail", name: "Bench (CloudTrail)" } });
      const ctToken = await makeToken(ctProject.id);
      app = await servedApp(url, process.env.BLOB_DIR!);
      const ctIdleMb = app.peakRss() / MB;
      const ctStarted = performance.now();
      const ctPush = await push(app.url, ctProject.slug, ctToken.secret, ctFile);
      const ctSeconds = (performance.now() - ctStarted) / 1000;
      const ctPeakMb = app.peakRss() / MB;
      await app.stop();
      if (ctPush.status !== 201)
        throw new Error(`CloudTrail push answered ${ctPush.status}: ${JSON.stringify(ctPush.body)}`);
      const ctEvents = await prisma.auditEvent.count({ where: { evidenceId: String(ctPush.body.id) } });
      const reported = (ctPush.body.summary as { events: number }).events;
      const exact = ctEvents === ct.records && reported === ct.records;
      console.log(
        `   file ${fmt(ct.bytes / MB, 1)} MB gzipped, ${fmt(ct.jsonBytes / MB, 1)} MB of JSON, ${fmt(ct.records)} records written`,
      );
      console.log(
        `   baseline: JSON Lines (section 1) through the served app ${fmt(LINES / servedSeconds).padStart(10)} events/s   peak RSS ${fmt(jsonlPeakMb).padStart(5)} MB`,
      );
      console.log(
        `   the served app, started and idle                                         peak RSS ${fmt(ctIdleMb).padStart(5)} MB`,
      );
      console.log(
        `   CloudTrail .json.gz through the served app       ${fmt(ct.records / ctSeconds).padStart(10)} events/s   peak RSS ${fmt(ctPeakMb).padStart(5)} MB   (${fmt(ctSeconds, 1)} s)   target < 300 MB: ${ctPeakMb < 300 ? "met" : "NOT MET"}`,
      );
      console.log(
        `   events stored ${fmt(ctEvents)}, reported ${fmt(reported)}, written ${fmt(ct.records)}: ${exact ? "exact" : "NOT EXACT"}`,
      );
    }

    console.log(`\n2. JUnit report: ${JUNIT_MB} MB`);
    const junitFile = path.join(tmp, "junit.xml");
    const junitBytes = await writeFile(junitFile, junitReport(JUNIT_MB * MB));
    bundleChild();
    const env = {
      DATABASE_URL: url,
      BLOB_DIR: process.env.BLOB_DIR!,
      BENCH_PROJECT: project.slug,
      BENCH_SECRET: secret,
    };
    const idle = child("idle", junitFile, env);
    const parse = child("parse", junitFile);
    const ingest = child("ingest", junitFile, env);
    console.log(`   file ${fmt(junitBytes / MB, 1)} MB (${parse.result})`);
    console.log(`   baseline: ingest code loaded and connected, idle  peak RSS ${fmt(idle.peakMb).padStart(5)} MB`);
    console.log(
      `   parse only (stream → saxes → summary)             peak RSS ${fmt(parse.peakMb).padStart(5)} MB   ${fmt(junitBytes / MB / parse.seconds, 1)} MB/s`,
    );
    console.log(
      `   ingest (spool + sha256 + parse + store + file)    peak RSS ${fmt(ingest.peakMb).padStart(5)} MB   ${fmt(junitBytes / MB / ingest.seconds, 1)} MB/s   target < 250 MB: ${ingest.peakMb < 250 ? "met" : "NOT MET"}`,
    );
    // Through `next start`, on a fresh server: its peak RSS (VmHWM) idle, then over the push.
    app = await servedApp(url, process.env.BLOB_DIR!);
    const servedIdleMb = app.peakRss() / MB;
    const junitStarted = performance.now();
    const servedJunit = await push(app.url, servedProject.slug, servedToken.secret, junitFile);
    const junitSeconds = (performance.now() - junitStarted) / 1000;
    const servedPeakMb = app.peakRss() / MB;
    await app.stop();
    if (servedJunit.status !== 201)
      throw new Error(`served JUnit push answered ${servedJunit.status}: ${JSON.stringify(servedJunit.body)}`);
    console.log(`   the served app (next start), started and idle     peak RSS ${fmt(servedIdleMb).padStart(5)} MB`);
    console.log(
      `   the served app, after the push (HTTP end to end)  peak RSS ${fmt(servedPeakMb).padStart(5)} MB   ${fmt(junitBytes / MB / junitSeconds, 1)} MB/s   target < 300 MB: ${servedPeakMb < 300 ? "met" : "NOT MET"}`,
    );

    if (LIST_ROWS > 0) {
      console.log(`\n3. Evidence table with ${fmt(LIST_ROWS)} rows in one project`);
      await prisma.$executeRawUnsafe(`
        INSERT INTO "Evidence" (id, "projectId", kind, format, title, outcome, summary, "dedupeKey", "sourceRepo", "effectiveAt", "collectedAt")
        SELECT 'b' || g, '${project.id}', (ARRAY['TEST_REPORT','SAST_SCAN','SBOM','CI_RUN']::"EvidenceKind"[])[1 + g % 4],
               'junit', 'bench ' || g, (ARRAY['PASS','FAIL','WARN']::"EvidenceOutcome"[])[1 + g % 3], '{}', 'bench-' || g,
               'example/repo-' || (g % 20), timestamp '2020-01-01' + g * interval '1 minute', now()
        FROM generate_series(1, ${LIST_ROWS}) g`);
      await prisma.$executeRawUnsafe(`ANALYZE "Evidence"`);
      const { listEvidence } = await import("../lib/evidence/list-evidence");
      const ctx = { actor: { kind: "system" as const, label: "bench" } };
      const time = async (label: string, query: Record<string, unknown>) => {
        const t = performance.now();
        const page = await listEvidence({ ctx, projectSlug: project.slug, query: { limit: 50, ...query } as never });
        console.log(
          `   ${label.padEnd(48)} ${fmt(performance.now() - t, 1).padStart(7)} ms  (${page.items.length} rows)`,
        );
        return page;
      };
      await time("first page (warm-up)", {});
      const first = await time("first page", {});
      let cursor = first.nextCursor;
      for (let i = 0; i < 3; i++)
        cursor = (await listEvidence({ ctx, projectSlug: project.slug, query: { limit: 200, cursor } as never }))
          .nextCursor;
      await time("a later page (by cursor)", { cursor });
      const mid = Buffer.from(JSON.stringify(["2020-12-01T00:00:00.000Z", "b0"])).toString("base64url");
      await time("a page half a million rows deep (by cursor)", { cursor: mid });
      await time("kind = SBOM", { kind: "SBOM" });
      await time("outcome = FAIL, within one month", {
        outcome: "FAIL",
        from: "2020-06-01T00:00:00Z",
        to: "2020-07-01T00:00:00Z",
      });
      await time("repository = example/repo-7", { repo: "example/repo-7" });
    }
    await disconnectBulkDb();
    await disconnectDb();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    rmSync(tmp, { recursive: true, force: true });
    await server.stop();
  }
}

runMain(main, { print: "raw" });
