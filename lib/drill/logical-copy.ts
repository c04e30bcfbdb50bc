import { pipeline } from "node:stream/promises";
import { createReadStream, createWriteStream } from "node:fs";
import path from "node:path";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

// The drill's dump and restore when no pg_dump fits the server (the embedded PostgreSQL ships none):
// every table of the public schema copied out with COPY (binary) inside one repeatable-read snapshot,
// the schema recreated in the scratch database by the migrations, and the rows copied in with triggers
// and foreign-key checks off (session_replication_role = replica, which needs a superuser: the
// embedded server's own). Sequences are set past the highest id.

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function publicTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return rows.map((r) => r.name);
}

/** Copies every public table into `dir` (one file each) from the snapshot `client` is in. */
export async function copyOut(client: pg.Client, tables: string[], dir: string): Promise<void> {
  for (const t of tables) {
    await pipeline(
      client.query(copyTo(`COPY public.${quote(t)} TO STDOUT (FORMAT binary)`)),
      createWriteStream(path.join(dir, `${t}.copy`)),
    );
  }
}

/** Loads the files into `targetUrl`, whose schema the migrations have made; replaces what the migrations seeded. */
export async function copyIn(targetUrl: string, tables: string[], dir: string): Promise<void> {
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    const loaded = tables.filter((t) => t !== "_prisma_migrations");
    if (loaded.length) await client.query(`TRUNCATE ${loaded.map((t) => `public.${quote(t)}`).join(", ")}`);
    for (const t of loaded) {
      await pipeline(
        createReadStream(path.join(dir, `${t}.copy`)),
        client.query(copyFrom(`COPY public.${quote(t)} FROM STDIN (FORMAT binary)`)),
      );
    }
    const { rows } = await client.query<{ tbl: string; col: string; seq: string }>(
      `SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`,
    );
    for (const r of rows) {
      await client.query(
        `SELECT setval($1, COALESCE((SELECT max(${quote(r.col)}) FROM public.${quote(r.tbl)}), 0) + 1, false)`,
        [r.seq],
      );
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
