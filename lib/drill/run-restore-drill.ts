import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { verifyActivityChain } from "@/lib/activity/verify-chain";
import { findPgTools } from "@/lib/drill/pg-tools";
import { copyIn, copyOut, publicTables } from "@/lib/drill/logical-copy";

const run = promisify(execFile);
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

// Proofline's own restore drill (issue 16): dump the live database, restore it into a scratch database
// on the same server, check every public table's row count against the dump's snapshot, verify the
// activity trail on the copy, and measure the time all of it took (the RTO the drill demonstrates).

export interface RestoreDrillResult {
  ok: boolean;
  /** Why it failed, in one sentence (null when it passed). */
  reason: string | null;
  method: "pg_dump" | "logical-copy" | null;
  startedAt: Date;
  finishedAt: Date;
  seconds: number;
  tables: number;
  rows: number;
  /** Tables whose count on the copy differs from the source's (at the dump's snapshot). */
  mismatches: Array<{ table: string; source: number; copy: number }>;
  trailEvents: number | null;
  log: string[];
}

export interface RunRestoreDrillOptions {
  /** The database to drill (the owner's URL: DATABASE_URL). */
  sourceUrl: string;
  /** Force the method (tests); by default pg_dump when one fits the server, else the logical copy. */
  method?: "pg_dump" | "logical-copy";
  now?: () => Date;
}

async function counts(client: pg.Client, tables: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of tables)
    out.set(t, Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${quote(t)}`)).rows[0].n));
  return out;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function runRestoreDrill({
  sourceUrl,
  method,
  now = () => new Date(),
}: RunRestoreDrillOptions): Promise<RestoreDrillResult> {
  const startedAt = now();
  const t0 = performance.now();
  const log: string[] = [];
  const note = (line: string) => log.push(`${((performance.now() - t0) / 1000).toFixed(1)}s ${line}`);
  const result: RestoreDrillResult = {
    ok: false,
    reason: null,
    method: null,
    startedAt,
    finishedAt: startedAt,
    seconds: 0,
    tables: 0,
    rows: 0,
    mismatches: [],
    trailEvents: null,
    log,
  };
  const work = await mkdtemp(path.join(tmpdir(), "proofline-drill-"));
  const sourceName = decodeURIComponent(new URL(sourceUrl).pathname.slice(1)) || "postgres";
  const scratch = `${sourceName}_drill_${startedAt.toISOString().replace(/\D/g, "").slice(0, 14)}`.slice(0, 63);
  const scratchUrl = withDatabase(sourceUrl, scratch);
  const source = new pg.Client({ connectionString: sourceUrl, application_name: "proofline-drill" });
  let created = false;
  try {
    await source.connect();
    const serverMajor = Math.floor(
      Number((await source.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v) /
        10000,
    );
    const tools = method === "logical-copy" ? null : await findPgTools(serverMajor);
    if (method === "pg_dump" && !tools)
      throw new Error(
        `no pg_dump and pg_restore of PostgreSQL ${serverMajor} or newer were found (set DRILL_PG_BIN_DIR)`,
      );
    result.method = tools ? "pg_dump" : "logical-copy";
    note(
      `server PostgreSQL ${serverMajor}; method ${result.method}${tools ? ` (pg_dump ${tools.major}${tools.dir ? ` in ${tools.dir}` : ""})` : ""}`,
    );

    // One snapshot for the dump and the counts it is checked against.
    await source.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await source.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0].id;
    const tables = await publicTables(source);
    const expected = await counts(source, tables);
    const dumpFile = path.join(work, "proofline.dump");
    if (tools)
      await run(
        tools.pgDump,
        ["--format=custom", `--snapshot=${snapshot}`, `--file=${dumpFile}`, `--dbname=${sourceUrl}`],
        { maxBuffer: 16 * 1024 * 1024 },
      );
    else await copyOut(source, tables, work);
    await source.query("COMMIT");
    note(`dumped ${tables.length} tables, ${[...expected.values()].reduce((a, b) => a + b, 0)} rows`);

    await source.query(`CREATE DATABASE ${quote(scratch)}`);
    created = true;
    if (tools) {
      await run(tools.pgRestore, ["--exit-on-error", "--no-owner", `--dbname=${scratchUrl}`, dumpFile], {
        maxBuffer: 16 * 1024 * 1024,
      });
    } else {
      const { deployMigrations } = await import("../../scripts/lib/migrate");
      await deployMigrations(scratchUrl);
      await copyIn(scratchUrl, tables, work);
    }
    note(`restored into ${scratch}`);

    const copy = new pg.Client({ connectionString: scratchUrl });
    await copy.connect();
    try {
      const got = await counts(copy, tables);
      for (const t of tables)
        if (got.get(t) !== expected.get(t))
          result.mismatches.push({ table: t, source: expected.get(t)!, copy: got.get(t) ?? -1 });
    } finally {
      await copy.end();
    }
    result.tables = tables.length;
    result.rows = [...expected.values()].reduce((a, b) => a + b, 0);
    note(
      `row counts: ${result.mismatches.length ? `${result.mismatches.length} table(s) differ` : `all ${tables.length} tables match`}`,
    );

    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: scratchUrl, max: 2 }) });
    try {
      const chain = await verifyActivityChain(prisma);
      result.trailEvents = chain.checked;
      note(
        chain.ok
          ? `activity trail intact on the copy: ${chain.checked} events`
          : `activity trail BROKEN on the copy at event ${chain.firstBreak?.eventId}: ${chain.firstBreak?.reason}`,
      );
      if (!chain.ok)
        throw new Error(
          `the activity trail on the restored copy is broken at event ${chain.firstBreak?.eventId} (${chain.firstBreak?.reason})`,
        );
    } finally {
      await prisma.$disconnect();
    }
    if (result.mismatches.length) {
      const m = result.mismatches[0];
      throw new Error(
        `row counts differ after the restore in ${result.mismatches.length} table(s), e.g. ${m.table}: ${m.source} in the source, ${m.copy} in the copy`,
      );
    }
    result.ok = true;
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    result.reason = message.replace(/postgres(?:ql)?:\/\/[^\s"']+/g, "<database url>");
    note(`FAILED: ${result.reason}`);
  } finally {
    // The measured time ends with the checks; removing the scratch copy is not part of a restore.
    result.finishedAt = now();
    result.seconds = Math.max(0, Math.round((performance.now() - t0) / 1000));
    if (created)
      await source
        .query(`DROP DATABASE IF EXISTS ${quote(scratch)} WITH (FORCE)`)
        .catch((e: Error) => note(`could not drop ${scratch}: ${e.message}`));
    await source.end().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
  return result;
}
