import { describe, expect, it } from "vitest";
import { planParse } from "@/lib/ingest/parse-body";
import { AuditLogStats } from "@/lib/ingest/audit-log";
import { DEFAULT_LIMITS } from "@/lib/ingest/limits";
import { corpusFile, fileBody } from "@/lib/ingest/testing/corpus";

const RECORDS = 222;
const AUDIT_RECORDS = 182;

// pgaudit's own test log (../shared/corpus, PostgreSQL 9.x csvlog) read as audit events.
describe("pgaudit csvlog from the shared corpus", () => {
  it("is detected and yields one event per AUDIT record, the server's other records counted apart", async () => {
    const p = await planParse({
      body: fileBody(corpusFile("auditlogs/pgaudit_analyze-test_postgresql-2015-08-12_161343.csv")),
      limits: DEFAULT_LIMITS,
      auditMapping: null,
    });
    expect(p.type === "audit-log" && p.format).toBe("pgaudit");
    if (p.type !== "audit-log") return;
    const stats = new AuditLogStats();
    const users = new Map<string, number>();
    for await (const r of p.events(stats)) users.set(r.actor, (users.get(r.actor) ?? 0) + 1);
    // Counted independently with Python's csv module: records whose message column starts with "AUDIT: ".
    expect(stats.summary()).toMatchObject({
      events: AUDIT_RECORDS,
      rejected: 0,
      shapes: [{ key: "pgaudit-csvlog", count: AUDIT_RECORDS }],
    });
    expect(stats.other).toBe(RECORDS - AUDIT_RECORDS);
    expect(Object.fromEntries(users)).toEqual({ vagrant: 141, user2: 24, user1: 17 });
  });
});
