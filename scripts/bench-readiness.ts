// npm run bench:readiness: builds a project with 300 controls and 1,000,000 evidence rows in a scratch
// database (on DATABASE_URL's server when set, else the embedded one), then times the readiness
// computation (p50/p95, now and "as of" past moments) beside one indexed query on the same data.
// Options: --evidence N (default 1000000), --runs N (default 100), --keep (leave the database).
import "./lib/load-env";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { resolveDatabase } from "./lib/database";
import { deployMigrations, withDatabaseName } from "./lib/migrate";
import { insertBenchCatalogue } from "./lib/bench-catalogue";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const EVIDENCE = opt("evidence", 1_000_000);
const RUNS = opt("runs", 100);
const CONTROLS = 300;
const KINDS = ["CI_RUN", "TEST_REPORT", "SAST_SCAN", "DEPENDENCY_AUDIT", "AUDIT_LOG", "MANUAL_FILE"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function generate(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (sql: string, params: unknown[] = []) => c.query(sql, params);
  const started = Date.now();
  await q(`INSERT INTO "Project"(id, slug, name, "updatedAt") VALUES ('bench-p', 'bench', 'Bench project', now())`);
  await q(
    `INSERT INTO "Framework"(id, key, name, version, "updatedAt") VALUES ('bench-f', 'soc2', 'Bench SOC 2', '1', now())`,
  );
  await q(`INSERT INTO "ProjectFramework"("projectId", "frameworkId") VALUES ('bench-p', 'bench-f')`);
  await insertBenchCatalogue(q, { refPrefix: "CC", controlKeyPrefix: "B-", controls: CONTROLS, kinds: KINDS });
  console.log(`  catalogue: 150 requirements, ${CONTROLS} controls (${Date.now() - started} ms)`);

  const t1 = Date.now();
  // Evidence over the last 400 days, spread over the controls and their expected kinds; 1 in 17 fails.
  await q(
    `INSERT INTO "Evidence"(id, "projectId", kind, format, title, outcome, summary, "dedupeKey", "effectiveAt", "collectedAt")
           SELECT 'be' || g, 'bench-p', ($1::text[])[CASE WHEN (g / ${CONTROLS}) % 4 = 0 AND (g % ${CONTROLS} + 1) % 3 = 0 THEN (g % ${CONTROLS} + 2) % 6 + 1 ELSE (g % ${CONTROLS} + 1) % 6 + 1 END]::"EvidenceKind",
                  'bench', 'run ' || g, CASE WHEN g % 17 = 0 THEN 'FAIL' ELSE 'PASS' END::"EvidenceOutcome", '{}', 'd' || g,
                  now() - ((g / ${CONTROLS}) % 400) * interval '1 day' - (g % 997) * interval '1 minute',
                  now() - ((g / ${CONTROLS}) % 400) * interval '1 day' - (g % 997) * interval '1 minute' + interval '2 minutes'
           FROM generate_series(1, ${EVIDENCE}) g`,
    [KINDS],
  );
  console.log(`  evidence: ${EVIDENCE.toLocaleString("en-US")} rows (${Date.now() - t1} ms)`);
  const t2 = Date.now();
  await q(`INSERT INTO "EvidenceControl"("evidenceId", "controlId", "projectId", kind, outcome, "effectiveAt", "collectedAt", via)
           SELECT e.id, 'bc' || (substr(e.id, 3)::int % ${CONTROLS} + 1), e."projectId", e.kind, e.outcome, e."effectiveAt", e."collectedAt", 'rule'
           FROM "Evidence" e WHERE e."projectId" = 'bench-p'`);
  console.log(`  filed under controls: ${EVIDENCE.toLocaleString("en-US")} rows (${Date.now() - t2} ms)`);
  await q(`INSERT INTO "BacklogItem"(id, "projectId", key, title, priority, status, "createdAt", "updatedAt")
           SELECT 'bb' || g, 'bench-p', 'B-' || g, 'Blocker ' || g, 'BLOCKER', 'OPEN', now() - g * interval '1 day', now() FROM generate_series(1, 20) g`);
  await q(
    `INSERT INTO "BacklogItemControl"("itemId", "controlId") SELECT 'bb' || g, 'bc' || (g * 13) FROM generate_series(1, 20) g`,
  );
  await q(`INSERT INTO "Runbook"(id, "projectId", key, title, "cadenceDays", "createdAt", "updatedAt")
           SELECT 'brb' || g, 'bench-p', 'rb-' || g, 'Runbook ' || g, 90, now() - interval '300 days', now() FROM generate_series(1, 10) g`);
  await q(
    `INSERT INTO "RunbookControl"("runbookId", "controlId") SELECT 'brb' || g, 'bc' || (g * 29) FROM generate_series(1, 10) g`,
  );
  await q(`INSERT INTO "RunbookExercise"(id, "runbookId", "performedAt", outcome)
           SELECT 'bx' || g || '-' || k, 'brb' || g, now() - k * interval '80 days', 'PASS' FROM generate_series(1, 10) g, generate_series(0, 3) k`);
  await q("ANALYZE");
  await c.end();
  return "bench-p";
}

async function main() {
  const server = await resolveDatabase();
  const admin = process.env.DATABASE_URL ? withDatabaseName(process.env.DATABASE_URL, "postgres") : server.adminUrl;
  const name = `proofline_bench_readiness_${randomBytes(3).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${name}"`);
  const url = withDatabaseName(admin, name);
  console.log(`Scratch database ${name} on ${new URL(admin).host}`);
  try {
    await deployMigrations(url);
    const projectId = await generate(url);
    process.env.DATABASE_URL = url;
    const { prisma, disconnectDb } = await import("../lib/db");
    const { computeReadiness } = await import("../lib/readiness/compute-readiness");
    const { systemCtx } = await import("../lib/auth/actor");
    const ctx = systemCtx("bench");
    const now = new Date();
    const past = (i: number) => new Date(now.getTime() - ((i * 37) % 365) * 86_400_000);

    const time = async (fn: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await fn(i); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await fn(i);
        samples.push(performance.now() - t);
      }
      return samples.sort((a, b) => a - b);
    };
    const baseline = await time(
      (i) => prisma.$queryRaw`
      SELECT "evidenceId", outcome, "effectiveAt" FROM "EvidenceControl"
      WHERE "projectId" = ${projectId} AND "controlId" = ${`bc${(i % CONTROLS) + 1}`} AND kind = ${KINDS[((i % CONTROLS) + 1) % 6]}::"EvidenceKind" AND "effectiveAt" <= ${now}
      ORDER BY "effectiveAt" DESC LIMIT 1`,
    );
    const current = await time(() => computeReadiness({ ctx, projectId, at: now }));
    const asOf = await time((i) => computeReadiness({ ctx, projectId, at: past(i) }));
    const sample = await computeReadiness({ ctx, projectId, at: now });
    const fw = sample.result.frameworks[0];

    console.log(
      `\nReadiness of 1 project x ${CONTROLS} controls x ${EVIDENCE.toLocaleString("en-US")} evidence rows (${RUNS} runs each):`,
    );
    console.log(`  score ${fw.met}/${fw.applicable}; controls ${JSON.stringify(fw.controlCounts)}`);
    console.log("  measurement                          p50         p95         max");
    const row = (label: string, s: number[]) =>
      console.log(
        `  ${label.padEnd(36)} ${ms(percentile(s, 50)).padEnd(11)} ${ms(percentile(s, 95)).padEnd(11)} ${ms(s[s.length - 1])}`,
      );
    row("baseline: one indexed query", baseline);
    row("computeReadiness, now", current);
    row("computeReadiness, as of past days", asOf);
    const worst = Math.max(percentile(current, 95), percentile(asOf, 95));
    console.log(
      `\nTarget p95 < 100 ms: ${worst < 100 ? "met" : "NOT met"} (worst p95 ${ms(worst)}, ${(worst / percentile(baseline, 50)).toFixed(0)}x the baseline's p50).`,
    );
    await disconnectDb();
  } finally {
    if (!args.includes("--keep")) await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    else console.log(`Kept ${url}`);
    await adminClient.end();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
