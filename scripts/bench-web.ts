// npm run bench:web: what the main pages cost a browser, through the served app (`next start` from the
// production build) on the demo data. For each page, cold loads in Debian's Chromium (a fresh context,
// so an empty cache, per load; median of 5 after a warm-up): JavaScript transferred by the load event
// (the "first-load JS"), JavaScript fetched after it (lazy chunks), everything transferred, and the
// largest contentful paint. Budgets (issue 17): first-load JS <= 200 KB and LCP <= 1.2 s.
// Baselines from the same run: the sign-in page (the framework's floor that every page pays), and,
// when BENCH_WEB_BASELINE_DIST names another finished build (e.g. one of the main branch), every page
// of that build served on the same database, side by side.
// Options (environment): SERVED_DIST_DIR (.next-e2e; built when not current), BENCH_WEB_BASELINE_DIST
// (never built here), BENCH_WEB_RUNS (5).
import "./lib/load-env";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { resolveDatabase } from "./lib/database";
import { withDatabaseName } from "./lib/migrate";
import { prepareDatabase } from "./lib/prepare";
import { benchAppEnv } from "./lib/bench-env";
import {
  FIRST_LOAD_JS_BUDGET,
  LCP_BUDGET_MS,
  kb,
  launchChromium,
  measurePage,
  ms,
  type PageFigures,
  type PageToMeasure,
} from "./lib/page-weight";
import { ensureProductionBuild, SERVED_DIST, startServedApp } from "../tests/served/served-app";

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);

interface NamedPage extends PageToMeasure {
  label: string;
  /** Not held to the budgets: the floor every page pays. */
  floor?: boolean;
}

/** A compliance lead of the bench's own (signed in by cookie) and the pages to open, on the demo data. */
async function pagesOf(url: string, secret: string): Promise<NamedPage[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`INSERT INTO "User"(id, email, name, "passwordHash", role, "updatedAt")
                   VALUES ('bench-web-lead', 'bench-web-lead@example.test', 'Bench Lead', 'no-password-sign-in', 'COMPLIANCE_LEAD', now())`);
    const { rows } = await c.query<{ slug: string; key: string }>(
      `SELECT p.slug, f.key FROM "ProjectFramework" pf JOIN "Project" p ON p.id = pf."projectId" JOIN "Framework" f ON f.id = pf."frameworkId"
       WHERE p."archivedAt" IS NULL ORDER BY p.slug, f.key LIMIT 1`,
    );
    const audit = await c.query<{ id: string }>(`SELECT id FROM "Audit" ORDER BY "createdAt" LIMIT 1`);
    if (!rows[0]) throw new Error("The demo data has no project assessed against a framework.");
    const { slug, key } = rows[0];
    const session = await encode({
      token: { sub: "bench-web-lead", sv: 0, email: "bench-web-lead@example.test" },
      secret,
    });
    return [
      { label: "sign-in (floor, signed out)", path: "/signin", floor: true },
      { label: "dashboard", path: "/", session, readyTestId: "readiness-cards" },
      { label: "project page", path: `/projects/${slug}`, session },
      { label: `scorecard (${key})`, path: `/projects/${slug}/readiness/${key}`, session },
      { label: "controls", path: "/controls", session },
      { label: "evidence", path: `/projects/${slug}/evidence`, session },
      { label: "audits", path: "/audits", session },
      ...(audit.rows[0] ? [{ label: "one audit", path: `/audits/${audit.rows[0].id}`, session }] : []),
    ];
  } finally {
    await c.end();
  }
}

async function measureBuild(
  dist: string,
  env: NodeJS.ProcessEnv,
  pages: NamedPage[],
): Promise<Map<string, PageFigures>> {
  const app = await startServedApp({ distDir: dist, env });
  const browser = await launchChromium();
  const out = new Map<string, PageFigures>();
  try {
    for (const p of pages) {
      console.log(`  [${dist}] ${p.path}…`);
      out.set(p.label, await measurePage(browser, app.url, p, RUNS));
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  return out;
}

function report(
  pages: NamedPage[],
  current: Map<string, PageFigures>,
  baseline: Map<string, PageFigures> | null,
  baseName: string,
): boolean {
  const cols = (f: PageFigures | undefined) =>
    f
      ? `${kb(f.firstLoadJs).padStart(9)} ${kb(f.laterJs).padStart(9)} ${kb(f.total).padStart(9)} ${ms(f.lcp).padStart(7)}`
      : "".padEnd(39);
  const head = `${"first JS".padStart(9)} ${"later JS".padStart(9)} ${"all".padStart(9)} ${"LCP".padStart(7)}`;
  console.log(
    `\nPages in Chromium, cold, served, median of ${RUNS} loads. "first JS" = scripts transferred by the load event (budget ${kb(FIRST_LOAD_JS_BUDGET)}), LCP budget ${LCP_BUDGET_MS} ms.`,
  );
  console.log(`  ${"page".padEnd(30)} ${head}${baseline ? `   | ${baseName}: ${head}` : ""}   budgets`);
  let met = true;
  for (const p of pages) {
    const f = current.get(p.label)!;
    const ok = f.firstLoadJs <= FIRST_LOAD_JS_BUDGET && f.lcp <= LCP_BUDGET_MS;
    if (!p.floor && !ok) met = false;
    const verdict = p.floor
      ? "(floor)"
      : ok
        ? "met"
        : `NOT met${f.firstLoadJs > FIRST_LOAD_JS_BUDGET ? " (JS)" : ""}${f.lcp > LCP_BUDGET_MS ? " (LCP)" : ""}`;
    console.log(
      `  ${p.label.padEnd(30)} ${cols(f)}${baseline ? `   | ${"".padEnd(baseName.length + 1)} ${cols(baseline.get(p.label))}` : ""}   ${verdict}`,
    );
  }
  return met;
}

async function main() {
  const server = await resolveDatabase();
  const admin = process.env.DATABASE_URL ? withDatabaseName(process.env.DATABASE_URL, "postgres") : server.adminUrl;
  const dist = process.env.SERVED_DIST_DIR ?? SERVED_DIST;
  const baseDist = process.env.BENCH_WEB_BASELINE_DIST;
  if (baseDist && !existsSync(path.join(baseDist, "BUILD_ID")))
    throw new Error(`BENCH_WEB_BASELINE_DIST=${baseDist} holds no finished build (this bench never builds it).`);
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  const name = `proofline_bench_web_${randomBytes(3).toString("hex")}`;
  const blobDir = mkdtempSync(path.join(os.tmpdir(), "proofline-bench-web-"));
  let met = false;
  try {
    await adminClient.query(`CREATE DATABASE "${name}"`);
    const url = withDatabaseName(admin, name);
    console.log(`Preparing the demo data in ${name}…`);
    await prepareDatabase({ url, demo: true, log: () => undefined });
    const secret = randomBytes(32).toString("base64url");
    const pages = await pagesOf(url, secret);
    const env = benchAppEnv({ url, blobDir, secret, demo: true });
    await ensureProductionBuild(dist, env);
    const current = await measureBuild(dist, env, pages);
    const baseline = baseDist ? await measureBuild(baseDist, env, pages) : null;
    met = report(pages, current, baseline, baseDist ?? "");
  } finally {
    await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminClient.end();
    rmSync(blobDir, { recursive: true, force: true });
    await server.stop();
  }
  console.log(
    `\nBudgets (first-load JS <= ${kb(FIRST_LOAD_JS_BUDGET)}, LCP <= ${LCP_BUDGET_MS} ms) on every page: ${met ? "met" : "NOT met"}.`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
