// Migrations without Prisma's native schema engine (which Prisma 7 downloads, unreachable offline).
// We drive Prisma's own WebAssembly schema engine (@prisma/schema-engine-wasm) through the pg driver
// adapter. The `_prisma_migrations` bookkeeping is the engine's own, so the history stays standard.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const ROOT = process.cwd();
const SCHEMA_DIR = path.join(ROOT, "prisma", "schema");
const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
const FILTERS = { externalTables: [], externalEnums: [] };
const LOCK_FILE = 'provider = "postgresql"\n';

// The subset of the engine's API we call (its generated typings are loose).
interface SchemaEngine {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout?: string }>;
  reset(input: unknown): Promise<void>;
  diagnoseMigrationHistory(input: unknown): Promise<unknown>;
  free(): void;
}
interface EngineRuntime {
  SchemaEngine: { new: (config: unknown, log: (msg: string) => void, adapter: unknown) => Promise<SchemaEngine> };
  __wbg_set_wasm(exports: unknown): void;
}

// The wasm glue reports Rust panics through this global (the Prisma CLI normally installs it).
const panicRegistry = {
  message: "",
  set_message(m: string) {
    panicRegistry.message = m;
    console.error(`[schema-engine panic] ${m}`);
  },
};
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

let runtimePromise: Promise<EngineRuntime> | undefined;
function loadRuntime(): Promise<EngineRuntime> {
  return (runtimePromise ??= (async () => {
    const runtime = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as EngineRuntime;
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const mod = new WebAssembly.Module(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(mod, {
      "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
    });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return runtime;
  })());
}

// Two compatibility shims, applied within the migration process only:
// 1. The engine reads pg_catalog columns of PostgreSQL's internal one-byte "char" type (OID 18), which
//    @prisma/adapter-pg rejects. Report them as text.
// 2. PostgreSQL 18 (the embedded server) records NOT NULL as pg_constraint rows with contype 'n'. The
//    engine's constraint query excludes only 'p', 'u' and 'f', then panics on the unknown 'n'. Exclude
//    'n' too: NOT NULL is already described through the columns.
const CONSTRAINT_FILTER = "AND contype NOT IN ('p', 'u', 'f')";
let pgPatched = false;
function patchPgForSchemaEngine() {
  if (pgPatched) return;
  pgPatched = true;
  const Result = require("pg/lib/result");
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fields: Array<{ dataTypeID: number }>) {
    for (const field of fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return addFields.call(this, fields);
  };
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, config: unknown, ...rest: unknown[]) {
    if (
      config &&
      typeof config === "object" &&
      "text" in config &&
      typeof config.text === "string" &&
      config.text.includes(CONSTRAINT_FILTER)
    ) {
      config = { ...config, text: config.text.replace(CONSTRAINT_FILTER, "AND contype NOT IN ('p', 'u', 'f', 'n')") };
    }
    return query.call(this, config, ...rest);
  };
}

// @prisma/adapter-pg runs a migration script by splitting it on ";", which breaks dollar-quoted
// function bodies (our append-only trigger). Send each script whole instead: PostgreSQL's simple
// query protocol runs a multi-statement script as one implicit transaction.
class WholeScriptPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const client = adapter.underlyingDriver() as pg.Pool | pg.PoolClient;
    const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await client.query(script);
      } catch (error) {
        onError(error);
      }
    };
    return adapter;
  }
}

async function withEngine<T>(url: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  patchPgForSchemaEngine();
  const runtime = await loadRuntime();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const engine = await runtime.SchemaEngine.new(
    { datamodels: undefined },
    (msg) => {
      if (process.env.DEBUG_SCHEMA_ENGINE) console.error("[schema-engine]", msg);
    },
    bindMigrationAwareSqlAdapterFactory(new WholeScriptPg(pool)),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await pool.end();
  }
}

async function schemaFiles() {
  const names = (await readdir(SCHEMA_DIR)).filter((n) => n.endsWith(".prisma")).sort();
  return Promise.all(
    names.map(async (n) => ({
      path: path.join(SCHEMA_DIR, n),
      content: await readFile(path.join(SCHEMA_DIR, n), "utf8"),
    })),
  );
}

async function migrationList() {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok", value: await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8") },
        },
      })),
    ),
  };
}

/** Applies pending migrations; returns the names applied. */
export async function deployMigrations(url: string): Promise<string[]> {
  const migrationsList = await migrationList();
  return withEngine(
    url,
    async (engine) => (await engine.applyMigrations({ migrationsList, filters: FILTERS })).appliedMigrationNames,
  );
}

/** Drops every object in the database, then re-applies all migrations. */
export async function resetDatabase(url: string): Promise<string[]> {
  await withEngine(url, (engine) => engine.reset({ filter: FILTERS }));
  return deployMigrations(url);
}

export async function migrationStatus(url: string): Promise<unknown> {
  const migrationsList = await migrationList();
  return withEngine(url, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: FILTERS }),
  );
}

/**
 * Diffs the schema against the migration history replayed into a scratch ("shadow") database on the
 * same server, writes the difference as a new migration, and applies it to `url`.
 */
export async function createMigration(url: string, name: string): Promise<string | null> {
  if (!/^[a-z0-9_]+$/i.test(name))
    throw new Error(`Migration names use letters, digits and underscores; got "${name}".`);
  const shadowName = `proofline_shadow_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${shadowName}"`);
  let sql: string | null = null;
  try {
    const shadowUrl = withDatabaseName(url, shadowName);
    const migrationsList = await migrationList();
    const files = await schemaFiles();
    sql = await withEngine(shadowUrl, async (engine) => {
      if (migrationsList.migrationDirectories.length)
        await engine.applyMigrations({ migrationsList, filters: FILTERS });
      const diff = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: SCHEMA_DIR },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true,
        filters: FILTERS,
      });
      return diff.exitCode === 2 && diff.stdout ? diff.stdout : null;
    });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
    await admin.end();
  }
  let created: string | null = null;
  if (sql) {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    if (!existsSync(path.join(MIGRATIONS_DIR, "migration_lock.toml")))
      await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), LOCK_FILE);
    created = path.relative(ROOT, dir);
  }
  await deployMigrations(url);
  return created;
}

export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
