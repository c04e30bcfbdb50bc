import pg from "pg";
import { databaseUrl } from "@/lib/env";

/**
 * Runs fn while holding a PostgreSQL advisory lock named `name`, on a connection of its own: with
 * several workers, two runs of the same kind of job (a cron tick each worker's scheduler saw, a manual
 * trigger beside the nightly one) never overlap; the second waits and then finds the work done. The lock
 * goes with the connection, so a worker that dies frees it.
 */
export async function withJobLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: databaseUrl(),
    application_name: `proofline-lock:${name}`.slice(0, 63),
  });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`proofline-job:${name}`]);
    return await fn();
  } finally {
    await client.end().catch(() => undefined); // ending the session releases the lock
  }
}
