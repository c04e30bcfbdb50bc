import { access, constants, readdir } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { blobStore } from "@/lib/core/storage/blob-store";

// Three answers for three callers (docs/deploying.md, "Health checks"):
//  - liveness (/api/health/live): the process answers; no dependency is asked, so a database outage never
//    makes a supervisor restart every web server at once;
//  - readiness (/api/health/ready): this instance can serve: the database answers, the blob store answers,
//    and every migration this code ships is applied (a load balancer takes it out of rotation otherwise);
//  - /api/health: the original report (app + database), kept as it was for monitors and tests.
// Reasons (driver and S3 errors name hosts, ports, buckets) are for the server log and signed-in admins.

export interface HealthReport {
  status: "ok" | "degraded";
  app: { status: "ok"; version: string; uptimeSeconds: number };
  database: { status: "ok" | "down"; latencyMs?: number; error?: string; migrations?: number };
  checkedAt: string;
}

export interface CheckResult {
  status: "ok" | "down";
  latencyMs?: number;
  error?: string;
}

export interface ReadinessReport {
  status: "ready" | "not-ready";
  checks: {
    database: CheckResult;
    blobStore: CheckResult & { kind?: "dir" | "s3" };
    migrations: CheckResult & { applied?: number; expected?: number; pending?: string[] };
  };
  checkedAt: string;
}

const TIMEOUT_MS = 3000;
// The sha256 of no bytes: a key the S3 store may or may not hold; asking for it proves the bucket answers.
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message.split("\n")[0] : String(err));

async function timed(fn: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  try {
    await withTimeout(fn());
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: "down", error: firstLine(err) };
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const started = performance.now();
  let database: HealthReport["database"];
  try {
    const rows = await withTimeout(
      prisma.$queryRaw<
        Array<{ n: bigint }>
      >`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    database = {
      status: "ok",
      latencyMs: Math.round(performance.now() - started),
      migrations: Number(rows[0]?.n ?? 0),
    };
  } catch (err) {
    database = { status: "down", error: firstLine(err) };
  }
  return {
    status: database.status === "ok" ? "ok" : "degraded",
    app: { status: "ok", version: appVersion(), uptimeSeconds: Math.round(process.uptime()) },
    database,
    checkedAt: new Date().toISOString(),
  };
}

function appVersion(): string {
  return process.env.npm_package_version ?? "0.1.0";
}

/** Liveness: the process runs and its event loop answers. Asks nothing else, on purpose. */
export function checkLiveness() {
  return {
    status: "ok" as const,
    version: appVersion(),
    uptimeSeconds: Math.round(process.uptime()),
    pid: process.pid,
    checkedAt: new Date().toISOString(),
  };
}

/** The migrations this code ships (folders under prisma/migrations), by name. */
export async function shippedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): Promise<string[]> {
  // Read at run time from the install; not a file to bundle (the comment keeps Turbopack from tracing the tree).
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && /^\d{14}_/.test(e.name))
    .map((e) => e.name)
    .sort();
}

/**
 * Pending = shipped here but not applied. Applied migrations this code does not know are fine: during a
 * rolling upgrade the new release's migrations run first (docs/deploying.md), and the old instances keep
 * serving until they are replaced.
 */
export function pendingMigrations(shipped: string[], applied: string[]): string[] {
  const done = new Set(applied);
  return shipped.filter((name) => !done.has(name));
}

async function probeBlobStore(): Promise<void> {
  const store = blobStore();
  if (store.kind === "s3") {
    await store.hasBlob(EMPTY_SHA256); // a HEAD: 200 or 404 both mean the bucket answers
    return;
  }
  const dir = path.resolve(env().BLOB_DIR);
  await access(dir, constants.R_OK | constants.W_OK).catch(() => {
    throw new Error(`BLOB_DIR ${dir} is missing or not writable`);
  });
}

export async function checkReadiness(): Promise<ReadinessReport> {
  let applied: string[] = [];
  const [database, blob] = await Promise.all([
    timed(async () => {
      const rows = await prisma.$queryRaw<
        Array<{ name: string }>
      >`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      applied = rows.map((r) => r.name);
    }),
    timed(probeBlobStore),
  ]);
  let migrations: ReadinessReport["checks"]["migrations"];
  if (database.status !== "ok") {
    migrations = { status: "down", error: "the database did not answer" };
  } else {
    try {
      const shipped = await shippedMigrations();
      const pending = pendingMigrations(shipped, applied);
      migrations = pending.length
        ? {
            status: "down",
            applied: applied.length,
            expected: shipped.length,
            pending,
            error: `${pending.length} migration(s) not applied: run \`npm run db:migrate\``,
          }
        : { status: "ok", applied: applied.length, expected: shipped.length };
    } catch (err) {
      migrations = { status: "down", error: `cannot list the shipped migrations: ${firstLine(err)}` };
    }
  }
  const checks = { database, blobStore: { ...blob, kind: blobStore().kind }, migrations };
  return {
    status: Object.values(checks).every((c) => c.status === "ok") ? "ready" : "not-ready",
    checks,
    checkedAt: new Date().toISOString(),
  };
}

/** What an anonymous caller may see of a readiness report: each part's status, no reason, no names. */
export function publicReadiness(report: ReadinessReport): ReadinessReport {
  const strip = <T extends CheckResult>(c: T): CheckResult => ({
    status: c.status,
    ...(c.latencyMs !== undefined ? { latencyMs: c.latencyMs } : {}),
  });
  return {
    ...report,
    checks: {
      database: strip(report.checks.database),
      blobStore: strip(report.checks.blobStore),
      migrations: strip(report.checks.migrations),
    },
  };
}
