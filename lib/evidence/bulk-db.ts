import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "@/lib/env";
import type { Tx } from "@/lib/db";
import { appPoolConfig } from "@/lib/db-role";

// Long bulk writes (audit logs: millions of rows through COPY) need the COPY and the Prisma writes of
// the same ingest (evidence row, filing, activity event) in ONE transaction. Prisma does not expose
// its connection, so bulk ingest has its own small pool: a transaction asks PostgreSQL for its backend
// pid and finds the pool connection with that pid, on which COPY then runs inside the same
// transaction. The pool is separate from the request pool, so a long import never starves requests.

interface Bulk {
  prisma: PrismaClient;
  byPid: Map<number, pg.PoolClient>;
  pool: pg.Pool;
}

const globalForBulk = globalThis as unknown as { prooflineBulk?: Bulk };

function bulk(): Bulk {
  if (globalForBulk.prooflineBulk) return globalForBulk.prooflineBulk;
  const pool = new pg.Pool(appPoolConfig(databaseUrl(), 4));
  const byPid = new Map<number, pg.PoolClient>();
  // An idle connection that the server drops (restart, DROP DATABASE) must not crash the process.
  pool.on("error", (err) => console.error(`[bulk-db] idle connection lost: ${err.message}`));
  pool.on("connect", (client) => {
    const pid = (client as unknown as { processID: number }).processID;
    byPid.set(pid, client as pg.PoolClient);
  });
  pool.on("remove", (client) => byPid.delete((client as unknown as { processID: number }).processID));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return (globalForBulk.prooflineBulk = { prisma, byPid, pool });
}

export interface CopyTransactionOptions {
  /** How long the whole transaction may take (ms). */
  timeout?: number;
}

/** Runs `fn` in a transaction that can also COPY on the same connection. */
export async function withCopyTransaction<T>(
  fn: (tx: Tx, client: pg.PoolClient) => Promise<T>,
  opts: CopyTransactionOptions = {},
): Promise<T> {
  const { prisma, byPid } = bulk();
  return prisma.$transaction(
    async (tx) => {
      const [{ pid }] = await tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
      const client = byPid.get(pid);
      if (!client) throw new Error(`No pool connection with backend pid ${pid}`);
      return fn(tx as unknown as Tx, client);
    },
    { timeout: opts.timeout ?? 60 * 60_000, maxWait: 5 * 60_000 },
  );
}

export async function disconnectBulkDb(): Promise<void> {
  const b = globalForBulk.prooflineBulk;
  if (!b) return;
  globalForBulk.prooflineBulk = undefined;
  await b.prisma.$disconnect();
  await b.pool.end().catch(() => undefined);
}
