import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/ingest/testing/refusals";
import { planParse, type BodyFile } from "@/lib/ingest/parse-body";
import { sizeBytes } from "@/lib/ingest/backup-logs";
import { parseResticForget } from "@/lib/ingest/backups";
import { DEFAULT_LIMITS } from "@/lib/ingest/limits";
import { IngestRefusal } from "@/lib/core/http/refusal";
import type { FormatId } from "@/lib/ingest/formats";
import type { ParsedEvidence } from "@/lib/ingest/types";
import { bufferBody, fileBody, fixtureFile } from "@/lib/ingest/testing/corpus";

// Backup and restore tools' own output: detected without ?format=, judged from the text.

const plan = (body: BodyFile, named?: FormatId) =>
  planParse({ body, named, limits: DEFAULT_LIMITS, auditMapping: null });

async function parsed(file: string, named?: FormatId): Promise<ParsedEvidence & { detected: boolean }> {
  const p = await plan(fileBody(fixtureFile(`backups/${file}`)), named);
  if (p.type !== "evidence") throw new Error(`expected evidence, got ${p.type}`);
  return { ...p.parsed, detected: p.detected };
}

describe("pgBackRest console logs", () => {
  it("reads a backup: label, type, size, file total and duration", async () => {
    const r = await parsed("pgbackrest-backup.log");
    expect(r).toMatchObject({
      kind: "BACKUP",
      format: "pgbackrest-log",
      outcome: "PASS",
      detected: true,
      subject: "ledger",
      title: "pgBackRest backup 20260301-020001F (full): completed",
    });
    expect(r.summary).toMatchObject({
      operation: "backup",
      version: "2.54.2",
      label: "20260301-020001F",
      type: "full",
      size: "3.4GB",
      sizeBytes: 3650722202,
      fileTotal: 2318,
      durationSeconds: 401,
      errorCode: null,
    });
    expect([r.periodStart?.toISOString(), r.effectiveAt?.toISOString()]).toEqual([
      "2026-03-01T02:00:01.118Z",
      "2026-03-01T02:06:42.120Z",
    ]);
  });

  it("reads a restore: target path, backup set, size and duration", async () => {
    const r = await parsed("pgbackrest-restore.log");
    expect(r).toMatchObject({
      kind: "RESTORE_DRILL",
      outcome: "PASS",
      title: "pgBackRest restore to /srv/drill/ledger: completed",
    });
    expect(r.summary).toMatchObject({
      operation: "restore",
      targetPath: "/srv/drill/ledger",
      backupSet: "20260301-020001F",
      size: "3.4GB",
      fileTotal: 2318,
      durationSeconds: 308.8,
    });
  });

  it("fails a restore with an ERROR line, with its code and message (hints included)", async () => {
    const r = await parsed("pgbackrest-restore-failed.log");
    expect(r).toMatchObject({ outcome: "FAIL", title: "pgBackRest restore to /srv/drill/ledger: failed [038]" });
    expect(r.outcomeReason).toMatch(
      /^pgBackRest reported ERROR \[038\]: unable to restore while PostgreSQL is running HINT: presence of 'postmaster.pid'/,
    );
    expect(r.summary).toMatchObject({ errorCode: "038", durationSeconds: 0.2 });
  });

  it("refuses a log cut off before the command end, and text that is not pgBackRest output", async () => {
    const cut = await refusal(plan(fileBody(fixtureFile("backups/pgbackrest-restore-truncated.log"))));
    expect([cut.reason, cut.message]).toEqual([
      "truncated",
      expect.stringMatching(/no "restore command end" line and no error: it is cut off/),
    ]);
    const other = await refusal(plan(bufferBody(Buffer.from("hello\nworld\n")), "pgbackrest-log"));
    expect([other.reason, other.message]).toEqual([
      "invalid-content",
      'Line 1 is not pgBackRest console output ("hello").',
    ]);
  });

  it("reads sizes as pgBackRest prints them", () => {
    expect([sizeBytes("37B"), sizeBytes("1.5KB"), sizeBytes("2MB"), sizeBytes("lots")]).toEqual([
      37,
      1536,
      2097152,
      null,
    ]);
  });
});

describe("restic check", () => {
  it("passes when restic found no errors, noting that all data was read", async () => {
    const r = await parsed("restic-check-ok.txt");
    expect(r).toMatchObject({
      kind: "BACKUP",
      format: "restic-check",
      outcome: "PASS",
      detected: true,
      title: "restic check --read-data: no errors",
    });
    expect(r.summary).toMatchObject({ readData: "all data", snapshots: 14, packs: 312, problems: 0 });
  });

  it("fails a corrupted repository: the Fatal line and the pack errors", async () => {
    const r = await parsed("restic-check-corrupted.txt");
    expect(r).toMatchObject({ outcome: "FAIL", title: "restic check --read-data: repository has errors" });
    expect(r.outcomeReason).toBe(
      'restic found errors in the repository ("Fatal: repository contains errors"); 2 error line(s), first: Pack ID does not match, want 6c1f0e2d, got 90ab44e1.',
    );
  });

  it("refuses output cut off before restic's verdict", async () => {
    expect((await refusal(plan(fileBody(fixtureFile("backups/restic-check-truncated.txt"))))).reason).toBe("truncated");
  });
});

describe("restic forget --json", () => {
  it("records the retention applied: kept by which rule, removed", async () => {
    const r = await parsed("restic-forget.json");
    expect(r).toMatchObject({
      kind: "BACKUP",
      format: "restic-forget",
      outcome: "PASS",
      detected: true,
      title: "restic forget: kept 2, removed 1 snapshot(s) in 1 group(s)",
    });
    expect(r.summary).toMatchObject({
      kept: 2,
      removed: 1,
      groups: [
        {
          host: "ledger-db-1",
          keptBy: { "daily snapshot": 2, "monthly snapshot": 1 },
          oldestKept: "2026-02-28T02:10:03.118Z",
        },
      ],
    });
  });

  it("fails a group that keeps no snapshot, and refuses a document that is not forget output", () => {
    const r = parseResticForget([{ host: "h", paths: ["/x"], keep: [], remove: [{ time: "2026-03-01T00:00:00Z" }] }]);
    expect([r.outcome, r.outcomeReason]).toEqual(["FAIL", "The retention policy kept no snapshot for h:/x."]);
    expect(() => parseResticForget([{ host: "h" }])).toThrow(IngestRefusal);
  });
});

describe("PostgreSQL log of a restored copy", () => {
  it("measures the time to a consistent state and to accepting connections", async () => {
    const r = await parsed("postgres-recovery.log");
    expect(r).toMatchObject({
      kind: "RESTORE_DRILL",
      format: "postgres-recovery",
      outcome: "PASS",
      detected: true,
      title: "PostgreSQL recovery: ready after 1.2 s",
    });
    expect(r.summary).toMatchObject({
      version: "16.6",
      secondsToConsistent: 0.5,
      recoverySeconds: 1.2,
      readyAt: "2026-03-02T09:05:21.322Z",
      lastTransactionAt: "2026-03-01 01:59:58.402118+00",
    });
  });

  it("fails a copy that never accepts connections, and refuses a log cut off before that", async () => {
    const failed = Buffer.from(
      "2026-03-02 09:05:20.121 UTC [7] LOG:  database system was interrupted; last known up at 2026-03-01 02:00:02 UTC\n" +
        "2026-03-02 09:05:20.455 UTC [7] LOG:  redo starts at 2/4A000028\n" +
        "2026-03-02 09:05:20.500 UTC [7] FATAL:  could not find redo location referenced by checkpoint record\n",
    );
    const p = await plan(bufferBody(failed));
    expect(p.type === "evidence" && [p.parsed.outcome, p.parsed.outcomeReason]).toEqual([
      "FAIL",
      "The restored copy never accepted connections: FATAL: could not find redo location referenced by checkpoint record.",
    ]);
    expect((await refusal(plan(fileBody(fixtureFile("backups/postgres-recovery-truncated.log"))))).reason).toBe(
      "truncated",
    );
  });
});
