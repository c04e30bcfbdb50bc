import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/ingest/testing/refusals";
import { planParse, type BodyFile } from "@/lib/ingest/parse-body";
import { AuditLogStats, type AuditEventRow } from "@/lib/ingest/audit-log";
import { auditdFields } from "@/lib/ingest/auditd";
import { splitCsv } from "@/lib/ingest/pgaudit";
import { cloudTrailRecordTexts } from "@/lib/ingest/cloudtrail";
import { bytesOf } from "@/lib/ingest/bytes";
import { DEFAULT_LIMITS } from "@/lib/ingest/limits";
import type { FormatId } from "@/lib/ingest/formats";
import { bufferBody, fileBody, fixtureFile } from "@/lib/ingest/testing/corpus";

// auditd, pgaudit and CloudTrail files: detected without ?format=, streamed into events, and a
// malformed or cut-off variant of each refused with its own reason.

const plan = (body: BodyFile, named?: FormatId) =>
  planParse({ body, named, limits: DEFAULT_LIMITS, auditMapping: null });

async function events(file: string, named?: FormatId) {
  const p = await plan(fileBody(fixtureFile(file)), named);
  if (p.type !== "audit-log") throw new Error(`expected an audit log, got ${p.type}`);
  const stats = new AuditLogStats();
  const rows: AuditEventRow[] = [];
  for await (const r of p.events(stats)) rows.push(r);
  return { format: p.format, detected: p.detected, rows, stats, summary: stats.summary() };
}

const brief = (r: AuditEventRow) => [r.occurredAt.toISOString(), r.actor, r.action, r.target, r.outcome, r.source];

describe("auditd", () => {
  it("groups raw records by their msg=audit(time:serial) stamp, with actor, action, result and time", async () => {
    const { format, detected, rows, stats } = await events("auditlogs/auditd-raw.log");
    expect([format, detected]).toEqual(["auditd", true]);
    expect(stats.lines).toBe(16);
    expect(rows.map(brief)).toEqual([
      ["2026-01-14T09:00:00.000Z", "uid=0", "DAEMON_START", null, "success", null],
      [
        "2026-01-14T09:02:01.442Z",
        "uid=0",
        "USER_AUTH PAM:authentication /usr/sbin/sshd",
        "acct=alice",
        "success",
        "198.51.100.23",
      ],
      ["2026-01-14T09:02:01.501Z", "auid=1000", "USER_LOGIN login /usr/sbin/sshd", null, "success", "198.51.100.23"],
      [
        "2026-01-14T09:03:20.118Z",
        "auid=1000",
        "SYSCALL syscall=59 /usr/bin/systemctl",
        "/usr/bin/systemctl",
        "success",
        "pts1",
      ],
      ["2026-01-14T09:04:26.902Z", "auid=1001", "SYSCALL syscall=257 /usr/bin/cat", "/etc/shadow", "failure", "pts2"],
      ["2026-01-14T09:05:02.330Z", "auid=1001", "USER_CMD /usr/bin/sudo", null, "failure", "pts/2"],
    ]);
    // Every record of an event is kept as its raw text.
    expect(rows[3].raw.split("\n")).toHaveLength(6);
    expect(rows[3].lineNo).toBe(4);
    expect(stats.summary()).toMatchObject({ events: 6, rejected: 0, shapes: [{ key: "auditd", count: 6 }] });
  });

  it("reads log_format=ENRICHED: names after the 0x1D separator, hex-encoded fields decoded", async () => {
    const { rows, summary } = await events("auditlogs/auditd-enriched.log");
    expect(rows.map(brief)).toEqual([
      [
        "2026-01-14T09:02:01.501Z",
        "alice (auid=1000)",
        "USER_LOGIN login /usr/sbin/sshd",
        null,
        "success",
        "198.51.100.23",
      ],
      [
        "2026-01-14T09:03:20.118Z",
        "alice (auid=1000)",
        "SYSCALL execve /usr/bin/systemctl",
        "/usr/bin/systemctl",
        "success",
        "pts1",
      ],
      ["2026-01-14T09:04:26.902Z", "bob (auid=1001)", "SYSCALL openat /usr/bin/cat", "/etc/shadow", "failure", "pts2"],
    ]);
    expect(summary.shapes).toEqual([{ key: "auditd-enriched", count: 3 }]);
  });

  it("decodes hex values and reads nested msg='…' fields", () => {
    const f = auditdFields(`pid=1 comm=73797374656D63746C msg='op=login acct="bob" res=failed' proctitle=6361740061`);
    expect([f.get("comm"), f.get("op"), f.get("acct"), f.get("res"), f.get("proctitle")]).toEqual([
      "systemctl",
      "login",
      "bob",
      "failed",
      "cat a",
    ]);
  });

  it("refuses a file with a line that is not an auditd record, naming the line", async () => {
    const err = await refusal(events("auditlogs/auditd-malformed.log"));
    expect(err.reason).toBe("invalid-content");
    expect(err.message).toMatch(/^Line 6 is not an auditd record/);
  });
});

describe("pgaudit", () => {
  it("reads the csvlog form: user, database and client from their columns; other lines counted", async () => {
    const { format, rows, summary } = await events("auditlogs/postgres-pgaudit.csv");
    expect(format).toBe("pgaudit");
    expect(rows.map(brief)).toEqual([
      ["2026-01-14T09:02:11.530Z", "app", "READ SELECT", "ledger/public.decisions", null, "10.0.3.7"],
      ["2026-01-14T09:05:40.771Z", "admin", "ROLE GRANT", "GRANT SELECT ON decisions TO auditor", null, "10.0.3.9"],
    ]);
    expect(summary).toMatchObject({ events: 2, otherLines: 1, shapes: [{ key: "pgaudit-csvlog", count: 2 }] });
  });

  it("reads the stderr form, with user@database from the prefix and statements over several lines", async () => {
    const plain = await events("auditlogs/postgres-pgaudit.log");
    expect(plain.rows.map(brief)).toEqual([
      ["2026-01-14T09:02:11.530Z", "app", "READ SELECT", "ledger/public.decisions", null, null],
      ["2026-01-14T09:02:12.018Z", "app", "WRITE INSERT", "ledger/public.decisions", null, null],
      ["2026-01-14T09:05:40.771Z", "admin", "ROLE GRANT", "GRANT SELECT ON decisions TO auditor", null, null],
    ]);
    expect(plain.summary).toMatchObject({ events: 3, otherLines: 2 });
    const multi = await events("auditlogs/postgres-pgaudit-multiline.log");
    expect(multi.rows.map((r) => [r.lineNo, r.action, r.target])).toEqual([
      [1, "DDL ALTER TABLE", "registry/public.subjects"],
      [3, "WRITE UPDATE", "registry/public.subjects"],
    ]);
    expect(multi.rows[0].raw).toContain("ADD COLUMN withdrawn_at");
    expect(multi.summary).toMatchObject({ lines: 4, events: 2, otherLines: 1 });
  });

  it("reads a csvlog record whose quoted statement spans lines", async () => {
    const csv = readFileSync(fixtureFile("auditlogs/postgres-pgaudit.csv"), "utf8").replace(
      '""SELECT id, verdict FROM',
      '""SELECT id,\n  verdict\nFROM',
    );
    const p = await plan(bufferBody(Buffer.from(csv)));
    if (p.type !== "audit-log") throw new Error(p.type);
    const stats = new AuditLogStats();
    const rows: AuditEventRow[] = [];
    for await (const r of p.events(stats)) rows.push(r);
    expect(rows.map((r) => [r.lineNo, r.action, r.actor])).toEqual([
      [2, "READ SELECT", "app"],
      [5, "ROLE GRANT", "admin"],
    ]);
    expect(rows[0].raw).toContain("SELECT id,\n  verdict\nFROM decisions");
    expect(stats.summary()).toMatchObject({ lines: 5, events: 2, otherLines: 1 });
  });

  it("splits CSV with doubled quotes and refuses an open quote", () => {
    expect(splitCsv('a,"b ""c"", d",,e')).toEqual(["a", 'b "c", d', "", "e"]);
    expect(splitCsv('a,"open')).toBeNull();
  });

  it("refuses a cut-off csvlog and an AUDIT line with missing fields", async () => {
    const cut = await refusal(events("auditlogs/postgres-pgaudit-truncated.csv"));
    expect(cut.reason).toBe("truncated");
    expect(cut.message).toMatch(/starting at line 2 ends inside a quoted field/);
    const short = await refusal(events("auditlogs/postgres-pgaudit-malformed.log"));
    expect(short.reason).toBe("invalid-content");
    expect(short.message).toMatch(/entry at line 3 has 4 field\(s\)/);
  });
});

describe("CloudTrail log files", () => {
  const expected = [
    [
      "2026-03-04T10:15:02.000Z",
      "arn:aws:iam::123456789012:user/alice",
      "PutBucketPolicy",
      "study-exports",
      "success",
      "198.51.100.7",
    ],
    [
      "2026-03-04T10:16:40.000Z",
      "arn:aws:iam::123456789012:user/alice",
      "CreateAccessKey",
      "ci-deployer",
      "success",
      "198.51.100.7",
    ],
    [
      "2026-03-04T10:21:13.000Z",
      "arn:aws:iam::123456789012:user/mallory",
      "DeleteTrail",
      "cloudtrail.amazonaws.com",
      "failure:accessdenied",
      "203.0.113.66",
    ],
    [
      "2026-03-04T10:30:59.000Z",
      "arn:aws:iam::123456789012:user/mallory",
      "StopLogging",
      "cloudtrail.amazonaws.com",
      "failure:accessdenied",
      "203.0.113.66",
    ],
  ];

  it("streams the Records array of a plain file, one event per record", async () => {
    const { format, detected, rows, summary } = await events("auditlogs/cloudtrail-file.json");
    expect([format, detected]).toEqual(["cloudtrail", true]);
    expect(rows.map(brief)).toEqual(expected);
    expect(rows.map((r) => r.lineNo)).toEqual([1, 2, 3, 4]);
    expect(JSON.parse(rows[0].raw).eventID).toBe("e5f6a7b8-0000-4000-8000-000000000001");
    expect(summary).toMatchObject({ events: 4, shapes: [{ key: "cloudtrail", count: 4 }] });
  });

  it("reads the same file gzipped (as CloudTrail writes it to S3)", async () => {
    const { format, rows } = await events("auditlogs/cloudtrail-file.json.gz");
    expect(format).toBe("cloudtrail");
    expect(rows.map(brief)).toEqual(expected);
  });

  it("finds records in any member order and in any chunking, skipping other members", async () => {
    const doc = `{"note":{"x":[1,"]}"]},"Records":[{"a":"}\\"{","b":[{}]},{"c":1}],"tail":"\\\\"}`;
    for (const size of [1, 3, 7, 1000]) {
      const out: string[] = [];
      for await (const t of cloudTrailRecordTexts(bytesOf(doc, size), 1 << 20)) out.push(t);
      expect(out).toEqual([`{"a":"}\\"{","b":[{}]}`, `{"c":1}`]);
    }
  });

  it("refuses a cut-off file, plain or gzipped, and a record over the size limit", async () => {
    const plain = await refusal(events("auditlogs/cloudtrail-truncated.json"));
    expect(plain.reason).toBe("truncated");
    expect(plain.message).toMatch(/inside record 4: it is cut off \(3 complete record\(s\)/);
    const gz = await refusal(events("auditlogs/cloudtrail-truncated.json.gz"));
    expect(gz.reason).toBe("truncated");
    expect(gz.message).toMatch(/gzip data ends early/);
    const big = JSON.stringify({
      Records: [{ eventTime: "2026-03-04T10:15:02Z", eventName: "X", pad: "x".repeat(5000) }],
    });
    const walk = async () => {
      for await (const t of cloudTrailRecordTexts(bytesOf(big, 512), 4096)) void t;
    };
    expect((await refusal(walk())).reason).toBe("line-too-long");
  });

  it("refuses a digest file, saying what it is, even when named", async () => {
    for (const named of [undefined, "cloudtrail" as const]) {
      const err = await refusal(plan(fileBody(fixtureFile("auditlogs/cloudtrail-digest.json")), named));
      expect(err.reason).toBe("unsupported-format");
      expect(err.message).toMatch(/^This is a CloudTrail digest file: .*holds no events/);
    }
  });

  it("refuses a gzip body that is not gzip data after its magic bytes", async () => {
    const gz = gzipSync(readFileSync(fixtureFile("auditlogs/cloudtrail-file.json")));
    gz.fill(0x41, 20, 60);
    expect((await refusal(plan(bufferBody(gz)))).reason).toBe("invalid-content");
  });
});
