import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  AuditLogStats,
  auditEvents,
  auditLogOutcome,
  mapAuditLine,
  type AuditEventRow,
  type AuditFieldMapping,
} from "@/lib/ingest/audit-log";
import { readLines } from "@/lib/ingest/bytes";
import { fixtureFile } from "@/lib/ingest/testing/corpus";

async function read(file: string, mapping: AuditFieldMapping | null = null) {
  const stats = new AuditLogStats();
  const rows: AuditEventRow[] = [];
  for await (const row of auditEvents(readLines(createReadStream(fixtureFile(file)), 1 << 20), mapping, stats))
    rows.push(row);
  return { rows, stats, summary: stats.summary() as Record<string, unknown> };
}

const brief = (r: AuditEventRow) => [r.occurredAt.toISOString(), r.actor, r.action, r.target, r.outcome, r.source];

describe("audit logs as JSON Lines", () => {
  it("recognises CloudTrail records", async () => {
    const { rows, summary } = await read("cloudtrail.jsonl");
    expect(rows.map(brief)).toEqual([
      [
        "2026-03-01T08:00:01.000Z",
        "arn:aws:iam::123456789012:user/alice",
        "AttachUserPolicy",
        "bob",
        "success",
        "198.51.100.7",
      ],
      [
        "2026-03-01T08:05:44.000Z",
        "arn:aws:iam::123456789012:user/bob",
        "ConsoleLogin",
        "signin.amazonaws.com",
        "failure",
        "203.0.113.9",
      ],
      [
        "2026-03-01T09:12:00.000Z",
        "arn:aws:sts::123456789012:assumed-role/deploy/ci",
        "DeleteBucket",
        "arn:aws:s3:::study-exports",
        "failure:accessdenied",
        "192.0.2.44",
      ],
    ]);
    expect(summary.shapes).toEqual([{ key: "cloudtrail", count: 3 }]);
  });

  it("recognises Kubernetes audit events", async () => {
    const { rows } = await read("k8s-audit.jsonl");
    expect(rows.map(brief)).toEqual([
      [
        "2026-03-01T10:00:00.104Z",
        "system:serviceaccount:prod:backup",
        "get",
        "secrets/prod/db-credentials",
        "success",
        "10.0.4.17",
      ],
      [
        "2026-03-01T10:02:10.003Z",
        "mallory@example.test",
        "create",
        "clusterrolebindings/make-me-admin",
        "failure:403",
        "203.0.113.50",
      ],
    ]);
  });

  it("recognises HashiCorp Vault audit entries (nanosecond times)", async () => {
    const { rows } = await read("vault-audit.jsonl");
    expect(rows.map(brief)).toEqual([
      ["2026-03-01T11:00:00.000Z", "approle-ci", "read", "secret/data/study/db", "request", "10.0.9.3"],
      ["2026-03-01T11:00:00.004Z", "approle-ci", "read", "secret/data/study/db", "success", "10.0.9.3"],
      ["2026-03-01T11:03:00.000Z", "token-root", "delete", "sys/policies/acl/ci", "failure", "10.0.9.8"],
    ]);
  });

  it("reads plain application logs, rejects unreadable lines with reasons, and keeps big integers exact", async () => {
    const { rows, stats, summary } = await read("app-audit.jsonl");
    expect(rows.map(brief)).toEqual([
      ["2026-03-02T09:00:00.000Z", "alice@example.test", "role.grant", "user:bob", "success", "198.51.100.7"],
      ["2026-03-02T09:00:05.000Z", "bob@example.test", "export.download", "study-42", "denied", null],
      ["2026-03-02T09:00:10.000Z", "carol", "login", null, "success", null],
      ["2026-03-02T09:01:00.000Z", "(unknown)", "missing.actor", null, null, null],
      ["2026-03-02T09:02:00.000Z", "12345678901234567890123", "service.call", "9007199254740993", null, null],
    ]);
    expect(rows.map((r) => r.lineNo)).toEqual([1, 2, 4, 6, 10]);
    expect(rows[0].raw).toBe(
      '{"ts":"2026-03-02T09:00:00Z","actor":"alice@example.test","action":"role.grant","target":"user:bob","outcome":"success","ip":"198.51.100.7"}',
    );
    expect(summary).toMatchObject({
      lines: 10,
      blankLines: 1,
      events: 5,
      rejected: 4,
      firstAt: "2026-03-02T09:00:00.000Z",
      lastAt: "2026-03-02T09:02:00.000Z",
    });
    expect(summary.rejectedSamples).toEqual([
      { line: 5, reason: "not JSON (malformed-json)" },
      { line: 7, reason: "time not readable" },
      { line: 8, reason: "no time field" },
      { line: 9, reason: "not a JSON object" },
    ]);
    expect(summary.byOutcome).toEqual(
      expect.arrayContaining([
        { key: "success", count: 2 },
        { key: "(none)", count: 2 },
        { key: "denied", count: 1 },
      ]),
    );
    expect(auditLogOutcome(stats)).toMatchObject({
      outcome: "WARN",
      outcomeReason: "4 of 9 line(s) could not be read as audit events and were left out.",
    });
  });

  it("uses a project's field mapping before recognising shapes", () => {
    const mapping = { time: "meta.when", actor: "who.login", action: "what" };
    const line = {
      lineNo: 3,
      text: '{"meta":{"when":"2026-03-05T12:00:00+01:00"},"who":{"login":"zoe"},"what":"policy.edit","outcome":"ok"}',
    };
    const r = mapAuditLine(line, mapping);
    expect(r).toMatchObject({
      ok: true,
      shape: "mapped",
      row: { actor: "zoe", action: "policy.edit", outcome: "success", occurredAt: new Date("2026-03-05T11:00:00Z") },
    });
    expect(mapAuditLine({ lineNo: 4, text: '{"ts":"2026-03-05T12:00:00Z","action":"x"}' }, mapping)).toEqual({
      ok: false,
      reason: 'no time at "meta.when"',
    });
  });

  it("strips NUL characters that PostgreSQL text cannot hold", () => {
    const r = mapAuditLine({ lineNo: 1, text: '{"ts":"2026-03-05T12:00:00Z","actor":"a\\u0000b","action":"x"}' }, null);
    expect(r).toMatchObject({ ok: true, row: { actor: "ab" } });
  });
});
