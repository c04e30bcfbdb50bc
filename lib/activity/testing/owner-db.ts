// Test support: a connection as the database's owner role, which is what an attacker with the
// operator's credentials (or a superuser) holds. Unlike `prisma` from @/lib/db it never switches to the
// app role, so it can bypass the trail's triggers: tests use it to rewrite the trail the way such an
// attacker would, and check that verification still notices.
import pg from "pg";
import { eventHash, GENESIS_HASH, type HashedFields } from "@/lib/activity/hash";

export async function withOwner<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

interface Row extends HashedFields {
  id: string;
  prevHash: string;
  hash: string;
}

/**
 * As the owner, with triggers bypassed: applies `edit` to the events it selects, deletes those it
 * returns null for, and recomputes every hash after the first change, so that the chain itself is
 * consistent again. What only a signed head can still reveal.
 */
export async function rewriteTrail(edit: (row: Row) => Row | null | undefined): Promise<void> {
  await withOwner(async (c) => {
    await c.query("BEGIN");
    await c.query("SET LOCAL session_replication_role = replica");
    const { rows } = await c.query<Row>(
      `SELECT id::text AS id, "occurredAt", "actorType", "actorId", "actorLabel", action, "entityType", "entityId", "projectId", summary, "requestId", "prevHash", hash FROM "ActivityEvent" ORDER BY "ActivityEvent".id`,
    ); // numeric order (the output column id is text)
    let prev = GENESIS_HASH;
    let changed = false;
    for (const row of rows) {
      const edited = edit({ ...row });
      if (edited === null) {
        await c.query(`DELETE FROM "ActivityEvent" WHERE id = $1`, [row.id]);
        changed = true;
        continue;
      }
      const next = edited ?? row;
      if (edited) changed = true;
      if (changed) {
        const hash = eventHash(prev, next);
        await c.query(
          `UPDATE "ActivityEvent" SET summary = $2::jsonb, "actorLabel" = $3, "prevHash" = $4, hash = $5 WHERE id = $1`,
          [row.id, JSON.stringify(next.summary), next.actorLabel, prev, hash],
        );
        prev = hash;
      } else prev = row.hash;
    }
    await c.query("COMMIT");
  });
}
