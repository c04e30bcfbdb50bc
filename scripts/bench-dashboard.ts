// npm run bench:dashboard: the dashboard's API under load, through the served app (`next start` from
// the production build, as users run it). For each dataset the server runs twice: once recomputing
// readiness on every read (PROOFLINE_READINESS_STORE=off, the baseline) and once with the readiness
// store. In each run autocannon drives 50 signed-in users (one session each) for 30 s per endpoint,
// /api/health first (the floor), and the printout puts requests/s and p50/p95/p99 side by side.
// Target: p95 < 300 ms on every dashboard endpoint, on both datasets.
// Datasets: the demo, and 20 projects x 300 controls x 100,000 evidence rows each (generated in SQL);
// "busy" is /api/health idle and while a ~1,000-page packet builds and a 500,000-line audit log
// ingests (scripts/bench-dashboard-busy.ts; target: busy p95 within 2x idle; BENCH_LINES, BENCH_PACKET_EVIDENCE).
// Uses DATABASE_URL's server (or the embedded one) with scratch databases dropped afterwards; the
// build is SERVED_DIST_DIR (default .next-e2e). On a shared machine set BENCH_LOCK=/tmp/build.lock: the
// datasets are prepared first, then the build and the servers run holding that lock (flock(1)).
// Options (environment): BENCH_LOCK, BENCH_SECONDS (30), BENCH_CONNECTIONS (50), BENCH_PROJECTS (20),
// BENCH_EVIDENCE (100000 per project), BENCH_DATASETS (demo,large,busy), BENCH_MODES (recompute,stored),
// BENCH_TEMPLATES (e.g. "demo=db1,large=db2": each run copies these prepared databases instead of
// preparing and generating its own, so that before/after runs measure the same data; they are kept),
// BENCH_ENDPOINTS (labels, or their starts, to measure only those: "cards,backlog matrix"),
// BENCH_SAVE_TEMPLATES=1 (prepare each dataset into a kept database proofline_bench_tpl_<dataset>,
// print the BENCH_TEMPLATES value that reuses them, and stop without serving).
import "./lib/load-env";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { resolveDatabase } from "./lib/database";
import { withDatabaseName } from "./lib/migrate";
import { prepareDatabase } from "./lib/prepare";
import { insertBenchCatalogue } from "./lib/bench-catalogue";
import { benchAppEnv } from "./lib/bench-env";
import {
  FIRST_LOAD_JS_BUDGET,
  LCP_BUDGET_MS,
  kb,
  launchChromium,
  measurePage,
  type PageFigures,
} from "./lib/page-weight";
import { ensureProductionBuild, SERVED_DIST, startServedApp } from "../tests/served/served-app";
import { benchBusy } from "./bench-dashboard-busy";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 20);
const EVIDENCE = Number(process.env.BENCH_EVIDENCE ?? 100_000);
const DATASETS = (process.env.BENCH_DATASETS ?? "demo,large,busy").split(",");
const MODES = (process.env.BENCH_MODES ?? "recompute,stored").split(",") as Mode[];
const CONTROLS = 300;
const KINDS = ["CI_RUN", "TEST_REPORT", "SAST_SCAN", "DEPENDENCY_AUDIT", "AUDIT_LOG", "MANUAL_FILE"];
const TARGET_P95_MS = 300;
const TEMPLATES = new Map(
  (process.env.BENCH_TEMPLATES ?? "")
    .split(",")
    .filter(Boolean)
    .map((pair) => pair.split("=") as [string, string]),
);

type Mode = "recompute" | "stored";

// autocannon ships no types; this is the part used here.
interface AutocannonInstance {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
interface AutocannonResult {
  requests: { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (
  opts: {
    url: string;
    connections: number;
    duration: number;
    requests: Array<{
      method: string;
      path: string;
      setupRequest: (req: { headers?: Record<string, string> }, context: { cookie?: string }) => unknown;
    }>;
  },
  done: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/** One endpoint for SECONDS at CONNECTIONS concurrent users, each connection signed in as its own user. */
function load(url: string, pathname: string, cookies: string[]): Promise<Figures> {
  let next = 0;
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            method: "GET",
            path: pathname,
            setupRequest: (req, context) => {
              context.cookie ??= cookies[next++ % cookies.length];
              return { ...req, headers: { ...req.headers, cookie: context.cookie } };
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        times.sort((a, b) => a - b);
        resolve({
          rps: result.requests.total / SECONDS,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          failed: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  });
}

async function generateLarge(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (sql: string, params: unknown[] = []) => c.query(sql, params);
  const started = Date.now();
  await q(
    `INSERT INTO "Framework"(id, key, name, version, "updatedAt") VALUES ('bench-f', 'bench', 'Bench framework', '1', now())`,
  );
  await q(
    `INSERT INTO "Project"(id, slug, name, "updatedAt") SELECT 'bp' || p, 'bench-' || lpad(p::text, 2, '0'), 'Bench project ' || lpad(p::text, 2, '0'), now() FROM generate_series(1, ${PROJECTS}) p`,
  );
  await q(
    `INSERT INTO "ProjectFramework"("projectId", "frameworkId") SELECT 'bp' || p, 'bench-f' FROM generate_series(1, ${PROJECTS}) p`,
  );
  await insertBenchCatalogue(q, { refPrefix: "BF", controlKeyPrefix: "BENCH-", controls: CONTROLS, kinds: KINDS });
  // Evidence over the last 400 days for every project, spread over the controls and their kinds; 1 in 17 fails.
  await q(
    `INSERT INTO "Evidence"(id, "projectId", kind, format, title, outcome, summary, "dedupeKey", "effectiveAt", "collectedAt")
           SELECT 'be' || p || '-' || g, 'bp' || p, ($1::text[])[(g % ${CONTROLS} + 1) % 6 + 1]::"EvidenceKind",
                  'bench', 'run ' || g, CASE WHEN (g + p) % 17 = 0 THEN 'FAIL' ELSE 'PASS' END::"EvidenceOutcome", '{}', 'd' || g,
                  now() - ((g / ${CONTROLS}) % 400) * interval '1 day' - ((g + p) % 997) * interval '1 minute',
                  now() - ((g / ${CONTROLS}) % 400) * interval '1 day' - ((g + p) % 997) * interval '1 minute' + interval '2 minutes'
           FROM generate_series(1, ${PROJECTS}) p, generate_series(1, ${EVIDENCE}) g`,
    [KINDS],
  );
  await q(`INSERT INTO "EvidenceControl"("evidenceId", "controlId", "projectId", kind, outcome, "effectiveAt", "collectedAt", via)
           SELECT e.id, 'bc' || (split_part(e.id, '-', 2)::int % ${CONTROLS} + 1), e."projectId", e.kind, e.outcome, e."effectiveAt", e."collectedAt", 'rule'
           FROM "Evidence" e WHERE e."projectId" LIKE 'bp%'`);
  await q(`INSERT INTO "BacklogItem"(id, "projectId", key, title, block, priority, status, "createdAt", "updatedAt")
           SELECT 'bb' || p || '-' || g, 'bp' || p, 'B-' || g, 'Item ' || g, 'Block ' || (g % 5), (ARRAY['BLOCKER','CRITICAL','HIGH','MEDIUM'])[g % 4 + 1]::"Priority",
                  'OPEN', now() - g * interval '1 day', now() FROM generate_series(1, ${PROJECTS}) p, generate_series(1, 40) g`);
  await q(
    `INSERT INTO "BacklogItemControl"("itemId", "controlId") SELECT 'bb' || p || '-' || g, 'bc' || (g * 7 % ${CONTROLS} + 1) FROM generate_series(1, ${PROJECTS}) p, generate_series(1, 40) g`,
  );
  await q(`INSERT INTO "Runbook"(id, "projectId", key, title, "cadenceDays", "createdAt", "updatedAt")
           SELECT 'brb' || p || '-' || g, 'bp' || p, 'rb-' || g, 'Runbook ' || g, 90, now() - interval '300 days', now() FROM generate_series(1, ${PROJECTS}) p, generate_series(1, 10) g`);
  await q(
    `INSERT INTO "RunbookControl"("runbookId", "controlId") SELECT 'brb' || p || '-' || g, 'bc' || (g * 29) FROM generate_series(1, ${PROJECTS}) p, generate_series(1, 10) g`,
  );
  await q(`INSERT INTO "RunbookExercise"(id, "runbookId", "performedAt", outcome)
           SELECT 'bx' || p || '-' || g || '-' || k, 'brb' || p || '-' || g, now() - (k * 80 + g) * interval '1 day', 'PASS'
           FROM generate_series(1, ${PROJECTS}) p, generate_series(1, 10) g, generate_series(0, 3) k`);
  // 90 days of daily snapshots, so that every card draws a full trend.
  await q(`INSERT INTO "ScoreSnapshot"(id, "projectId", "frameworkId", day, score, met, applicable, detail)
           SELECT 'bs' || p || '-' || d, 'bp' || p, 'bench-f', (now() - d * interval '1 day')::date, ((p * 7 + d) % 60 + 20) / 100.0, (p * 7 + d) % 60 + 20, 100, '{}'
           FROM generate_series(1, ${PROJECTS}) p, generate_series(1, 90) d`);
  await q("ANALYZE");
  await c.end();
  console.log(
    `  generated ${PROJECTS} projects x ${CONTROLS} controls x ${EVIDENCE.toLocaleString("en-US")} evidence rows each (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
}

/** CONNECTIONS compliance leads (one session each), their session cookies signed with `secret`. */
async function benchUsers(url: string, secret: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`INSERT INTO "User"(id, email, name, "passwordHash", role, "updatedAt")
                 SELECT 'bench-u' || g, 'bench-lead-' || g || '@example.test', 'Bench Lead ' || g, 'no-password-sign-in', 'COMPLIANCE_LEAD', now()
                 FROM generate_series(1, ${CONNECTIONS}) g`);
  await c.end();
  return Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, i) => {
      const token = await encode({
        token: { sub: `bench-u${i + 1}`, sv: 0, email: `bench-lead-${i + 1}@example.test` },
        secret,
      });
      return `next-auth.session-token=${token}`;
    }),
  );
}

async function endpoints(url: string): Promise<Array<[string, string]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ slug: string; key: string }>(
    `SELECT p.slug, f.key FROM "ProjectFramework" pf JOIN "Project" p ON p.id = pf."projectId" JOIN "Framework" f ON f.id = pf."frameworkId" WHERE p."archivedAt" IS NULL ORDER BY p.slug, f.key LIMIT 1`,
  );
  await c.end();
  return [
    ["cards", "/api/v1/dashboard/readiness"],
    ["holdbacks", "/api/v1/dashboard/holdbacks?limit=3"],
    ["upcoming evidence", "/api/v1/dashboard/upcoming?type=evidence&days=30&limit=8"],
    ["upcoming exercises", "/api/v1/dashboard/upcoming?type=exercise&days=30&limit=8"],
    ["backlog matrix", "/api/v1/dashboard/blockers"],
    ["open blockers", "/api/v1/dashboard/open-blockers?limit=10"],
    ...(rows[0]
      ? ([
          [`project readiness (${rows[0].key})`, `/api/v1/projects/${rows[0].slug}/readiness?framework=${rows[0].key}`],
        ] as Array<[string, string]>)
      : []),
  ];
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "-");
const cell = (f: Figures | undefined) =>
  f
    ? `${f0(f.rps).padStart(6)} ${f0(f.p50).padStart(6)} ${f0(f.p95).padStart(6)} ${f0(f.p99).padStart(6)}${f.failed ? ` (${f.failed} failed)` : ""}`
    : "".padEnd(27);

async function benchDataset(name: string, url: string, dist: string): Promise<boolean> {
  const secret = randomBytes(32).toString("base64url");
  const cookies = await benchUsers(url, secret);
  const only = (process.env.BENCH_ENDPOINTS ?? "").split(",").filter(Boolean);
  const list = (await endpoints(url)).filter(([label]) => !only.length || only.some((o) => label.startsWith(o)));
  const blobDir = mkdtempSync(path.join(os.tmpdir(), "proofline-bench-dash-"));
  const figures = new Map<string, Partial<Record<Mode, Figures>>>();
  let pageFigures: PageFigures | null = null;
  const record = (label: string, mode: Mode, f: Figures) => figures.set(label, { ...figures.get(label), [mode]: f });
  try {
    for (const mode of MODES) {
      const env = {
        ...benchAppEnv({ url, blobDir, secret, demo: name === "demo" }),
        PROOFLINE_READINESS_STORE: mode === "stored" ? "on" : "off",
      };
      await ensureProductionBuild(dist, env);
      const app = await startServedApp({ distDir: dist, env });
      try {
        // One warm-up request per endpoint (compiles the route, fills the store in "stored" mode).
        for (const [label, p] of list) {
          const res = await fetch(app.url + p, { headers: { cookie: cookies[0] } });
          if (!res.ok) throw new Error(`${label}: ${p} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        }
        console.log(`  [${name}, ${mode}] /api/health…`);
        record("/api/health (floor)", mode, await load(app.url, "/api/health", cookies));
        for (const [label, p] of list) {
          console.log(`  [${name}, ${mode}] ${p}…`);
          record(label, mode, await load(app.url, p, cookies));
        }
        if (name === "demo" && mode === MODES[MODES.length - 1] && process.env.BENCH_PAGE !== "0") {
          console.log(`  [${name}, ${mode}] the dashboard page in Chromium…`);
          // Every main page: npm run bench:web.
          const browser = await launchChromium();
          try {
            pageFigures = await measurePage(browser, app.url, {
              path: "/",
              session: cookies[0].slice(cookies[0].indexOf("=") + 1),
              readyTestId: "readiness-cards",
            });
          } finally {
            await browser.close();
          }
        }
      } finally {
        await app.stop();
      }
    }
  } finally {
    rmSync(blobDir, { recursive: true, force: true });
  }
  console.log(
    `\nDataset "${name}": ${CONNECTIONS} concurrent signed-in users, ${SECONDS} s per endpoint; ms; "recompute" = PROOFLINE_READINESS_STORE=off`,
  );
  const head = (m: string) => `${m.padEnd(6)}  req/s    p50    p95    p99`.padEnd(27);
  console.log(`  ${"endpoint".padEnd(34)} ${MODES.map((m) => head(m)).join("   ")}   p95 < ${TARGET_P95_MS} ms`);
  let met = true;
  for (const [label, byMode] of figures) {
    const last = byMode[MODES[MODES.length - 1]];
    const ok = label.startsWith("/api/health") ? null : last ? last.p95 < TARGET_P95_MS && !last.failed : false;
    if (ok === false) met = false;
    console.log(
      `  ${label.padEnd(34)} ${MODES.map((m) => cell(byMode[m])).join("   ")}   ${ok === null ? "" : ok ? "met" : "NOT met"}`,
    );
  }
  if (pageFigures) {
    const p: PageFigures = pageFigures;
    const jsOk = p.firstLoadJs <= FIRST_LOAD_JS_BUDGET;
    const lcpOk = p.lcp <= LCP_BUDGET_MS;
    console.log(
      `\nThe lead's dashboard in Chromium, cold, served (median of 5 loads; every main page: npm run bench:web):`,
    );
    console.log(
      `  first-load JavaScript (by the load event)  ${kb(p.firstLoadJs).padStart(8)}   target <= 200 KB: ${jsOk ? "met" : "NOT met"}`,
    );
    console.log(`  JavaScript loaded later (lazy chunks)      ${kb(p.laterJs).padStart(8)}`);
    console.log(`  everything transferred until network idle  ${kb(p.total).padStart(8)}`);
    console.log(
      `  largest contentful paint                   ${`${p.lcp.toFixed(0)} ms`.padStart(8)}   target <= 1,200 ms: ${lcpOk ? "met" : "NOT met"}`,
    );
    console.log(`  network idle after                         ${`${p.idle.toFixed(0)} ms`.padStart(8)}`);
    if (!jsOk || !lcpOk) met = false;
  }
  return met;
}

/** Runs fn holding an flock(1) lock on `file` (held by a child process until fn settles). */
async function withLock<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!file) return fn();
  console.log(`\nWaiting for ${file}…`);
  const holder = spawn("flock", [file, "sh", "-c", "echo locked; cat >/dev/null"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
    holder.on("exit", (code) => reject(new Error(`flock ${file} exited (${code}) before taking the lock`)));
  });
  try {
    return await fn();
  } finally {
    holder.stdin!.end();
  }
}

async function main() {
  const server = await resolveDatabase();
  const admin = process.env.DATABASE_URL ? withDatabaseName(process.env.DATABASE_URL, "postgres") : server.adminUrl;
  const dist = process.env.SERVED_DIST_DIR ?? SERVED_DIST;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  const created: string[] = [];
  const results: Array<[string, boolean]> = [];
  try {
    const prepared: Array<[string, string]> = [];
    const save = process.env.BENCH_SAVE_TEMPLATES === "1";
    for (const dataset of DATASETS.filter((d) => d !== "busy")) {
      const name = save
        ? `proofline_bench_tpl_${dataset}`
        : `proofline_bench_dash_${dataset}_${randomBytes(3).toString("hex")}`;
      const template = save ? undefined : TEMPLATES.get(dataset);
      if (save) await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await adminClient.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
      if (!save) created.push(name);
      const url = withDatabaseName(admin, name);
      if (template) {
        console.log(`\nDataset "${dataset}": a copy of ${template} in ${name}`);
      } else {
        console.log(`\nPreparing dataset "${dataset}" in ${name}…`);
        await prepareDatabase({ url, demo: dataset === "demo", log: () => undefined });
        if (dataset === "large") await generateLarge(url);
      }
      prepared.push([dataset, url]);
    }
    if (save) {
      console.log(
        `\nKept. Reuse them with BENCH_TEMPLATES=${prepared.map(([d]) => `${d}=proofline_bench_tpl_${d}`).join(",")}`,
      );
      return;
    }
    await withLock(process.env.BENCH_LOCK, async () => {
      for (const [dataset, url] of prepared) results.push([dataset, await benchDataset(dataset, url, dist)]);
      if (DATASETS.includes("busy")) {
        const lines = Number(process.env.BENCH_LINES ?? 500_000);
        results.push([
          "busy",
          await benchBusy({
            admin,
            dist,
            lines,
            packetEvidence: Number(process.env.BENCH_PACKET_EVIDENCE ?? 17_000),
            load,
          }),
        ]);
      }
    });
  } finally {
    for (const name of created) await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminClient.end();
    await server.stop();
  }
  console.log(
    `\nTargets (dashboard p95 < ${TARGET_P95_MS} ms with the store; busy: health p95 within 2x idle): ${results.map(([d, ok]) => `${d} ${ok ? "met" : "NOT met"}`).join(", ")}.`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
