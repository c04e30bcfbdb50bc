import { once } from "node:events";
import { finished } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { AuditEventRow } from "@/lib/ingest/audit-log";

// Writes audit events with COPY (text format), one COPY statement per batch, on a connection that is
// inside the caller's transaction: if anything fails, the caller's rollback removes every row.

const COLUMNS = `"projectId", "evidenceId", "lineNo", "occurredAt", "actor", "action", "target", "outcome", "source", "raw"`;
const NEEDS_ESCAPE = /[\\\n\r\t]/;

function field(v: string | null): string {
  if (v === null) return "\\N";
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"));
}

export interface CopyAuditOptions {
  client: pg.PoolClient;
  projectId: string;
  evidenceId: string;
  events: AsyncIterable<AuditEventRow>;
  batchRows?: number;
}

export async function copyAuditEvents({
  client,
  projectId,
  evidenceId,
  events,
  batchRows = 100_000,
}: CopyAuditOptions): Promise<number> {
  const prefix = `${field(projectId)}\t${field(evidenceId)}\t`;
  let total = 0;
  let stream: ReturnType<typeof copyFrom> | null = null;
  let inBatch = 0;
  let buffer = "";
  const flush = async () => {
    if (!stream || !buffer) return;
    const ok = stream.write(buffer);
    buffer = "";
    if (!ok) await once(stream, "drain");
  };
  const endBatch = async () => {
    if (!stream) return;
    await flush();
    stream.end();
    await finished(stream);
    stream = null;
    inBatch = 0;
  };
  try {
    for await (const e of events) {
      if (!stream) stream = client.query(copyFrom(`COPY "AuditEvent" (${COLUMNS}) FROM STDIN`));
      buffer += `${prefix}${e.lineNo}\t${e.occurredAt.toISOString()}\t${field(e.actor)}\t${field(e.action)}\t${field(e.target)}\t${field(e.outcome)}\t${field(e.source)}\t${field(e.raw)}\n`;
      total++;
      if (buffer.length >= 256 * 1024) await flush();
      if (++inBatch >= batchRows) await endBatch();
    }
    await endBatch();
    return total;
  } catch (err) {
    const open = stream as ReturnType<typeof copyFrom> | null;
    if (open) {
      // Abort the COPY (the server answers CopyFail with an error) and wait, so that the connection
      // is idle again before the caller rolls back.
      open.destroy(err instanceof Error ? err : new Error(String(err)));
      await finished(open).catch(() => undefined);
    }
    throw err;
  }
}
