// The PostgreSQL server tests run against: DATABASE_URL's server when set (e.g. the machine's
// PostgreSQL 15 in CI), otherwise a throwaway embedded PostgreSQL in a temporary data directory.
import os from "node:os";
import path from "node:path";
import { chmodSync, mkdtempSync } from "node:fs";
import pg from "pg";
import { freePort, startEmbedded, type DatabaseServer } from "../../scripts/lib/database";
import { withDatabaseName } from "../../scripts/lib/migrate";

export async function startTestServer(): Promise<DatabaseServer> {
  const url = process.env.DATABASE_URL;
  if (url) return { adminUrl: withDatabaseName(url, "postgres"), url, embedded: false, stop: async () => undefined };
  const base = mkdtempSync(path.join(os.tmpdir(), "proofline-test-pg-"));
  chmodSync(base, 0o755); // as root, PostgreSQL runs as the "postgres" user, which must reach its data directory
  return startEmbedded({
    dataDir: path.join(base, "data"),
    port: await freePort(),
    persistent: false,
    log: () => undefined,
  });
}

export async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await withAdmin(adminUrl, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
        return;
      } catch (err) {
        // Two workers cloning the same template at the same instant can collide; try again.
        if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return withDatabaseName(adminUrl, name);
}

export async function dropDatabasesWithPrefix(adminUrl: string, prefix: string): Promise<void> {
  await withAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${prefix}%`,
    ]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
