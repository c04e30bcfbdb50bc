import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { env } from "@/lib/env";

const run = promisify(execFile);

// Finds pg_dump and pg_restore that can dump the server in use: the same major version or newer
// (pg_dump refuses a newer server). Looked for in DRILL_PG_BIN_DIR, Debian's /usr/lib/postgresql/<n>/bin,
// then PATH. The embedded server's npm package ships only the server (initdb, pg_ctl, postgres), so a
// drill on it uses the logical copy instead (lib/drill/logical-copy.ts).

export interface PgTools {
  dir: string | null;
  pgDump: string;
  pgRestore: string;
  major: number;
}

async function majorOf(binary: string): Promise<number | null> {
  try {
    const { stdout } = await run(binary, ["--version"], { timeout: 10_000 });
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function candidateDirs(): Array<string | null> {
  const dirs: Array<string | null> = [];
  const configured = env().DRILL_PG_BIN_DIR;
  if (configured) dirs.push(configured);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    for (const v of readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a)))
      dirs.push(path.join(debian, v, "bin"));
  }
  dirs.push(null); // PATH
  return dirs;
}

/** pg_dump/pg_restore for a server of `serverMajor`, preferring the same major; null when none fits. */
export async function findPgTools(serverMajor: number): Promise<PgTools | null> {
  const found: PgTools[] = [];
  for (const dir of candidateDirs()) {
    const pgDump = dir ? path.join(dir, "pg_dump") : "pg_dump";
    const pgRestore = dir ? path.join(dir, "pg_restore") : "pg_restore";
    if (dir && (!existsSync(pgDump) || !existsSync(pgRestore))) continue;
    const major = await majorOf(pgDump);
    if (major !== null && major >= serverMajor && (await majorOf(pgRestore)) === major)
      found.push({ dir, pgDump, pgRestore, major });
  }
  return found.sort((a, b) => a.major - b.major)[0] ?? null;
}
