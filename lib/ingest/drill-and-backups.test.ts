import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { drillOutcome, parseDrill } from "@/lib/ingest/drill";
import { parsePgBackRest, parseResticMessages, parseResticSnapshots } from "@/lib/ingest/backups";
import { readLines } from "@/lib/ingest/bytes";
import { parseJson, type JsonValue } from "@/lib/ingest/exact-json";
import { IngestRefusal } from "@/lib/core/http/refusal";
import { fixtureFile, readJson } from "@/lib/ingest/testing/corpus";

const drillDoc = () => readJson(fixtureFile("drill-restore-study.json")) as Record<string, JsonValue>;

async function* messages(file: string) {
  for await (const line of readLines(createReadStream(fixtureFile(file)), 1 << 20))
    yield { lineNo: line.lineNo, value: parseJson(line.text) };
}

describe("restore drills (our JSON shape)", () => {
  it("reads the documented example: timings, targets, runbook and period", () => {
    const r = parseDrill(drillDoc());
    expect(r).toMatchObject({ kind: "RESTORE_DRILL", format: "drill", outcome: "PASS", subject: "restore-study" });
    expect(r.drill).toMatchObject({
      runbookKey: "restore-study",
      rtoSeconds: 2470,
      rpoSeconds: 300,
      targets: { rtoSeconds: 3600, rpoSeconds: 900 },
    });
    expect(r.summary).toMatchObject({ durationSeconds: 2470, reportedOutcome: "pass" });
    expect(r.periodStart?.toISOString()).toBe("2026-03-02T09:00:00.000Z");
    expect(r.effectiveAt?.toISOString()).toBe("2026-03-02T09:41:10.000Z");
    expect(r.outcomeReason).toBe("The drill passed within its RTO and RPO targets.");
  });

  it("fails a drill over its RTO or RPO target, or one that reports failure; warns on partial", () => {
    const base = {
      reportedOutcome: "pass" as const,
      rtoSeconds: 4000,
      rpoSeconds: 100,
      targets: { rtoSeconds: 3600, rpoSeconds: 900 },
    };
    expect(drillOutcome(base)).toEqual({ outcome: "FAIL", outcomeReason: "RTO 4000s is over the 3600s target." });
    expect(drillOutcome({ ...base, rtoSeconds: 10, rpoSeconds: 1000 }).outcomeReason).toBe(
      "RPO 1000s is over the 900s target.",
    );
    expect(drillOutcome({ ...base, rtoSeconds: 10, reportedOutcome: "fail" }).outcome).toBe("FAIL");
    expect(drillOutcome({ ...base, rtoSeconds: 10, reportedOutcome: "partial" }).outcome).toBe("WARN");
    expect(drillOutcome({ ...base, targets: { rtoSeconds: null, rpoSeconds: null } })).toEqual({
      outcome: "PASS",
      outcomeReason: "The drill passed.",
    });
  });

  it("refuses a drill with missing or misspelt fields, naming them", () => {
    const bad = { ...drillDoc(), finishedAt: "2026-03-02T08:00:00Z", rtoSecond: 5 };
    delete (bad as Record<string, unknown>).name;
    let err: unknown;
    try {
      parseDrill(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestRefusal);
    const message = (err as Error).message;
    expect(message).toMatch(/name:/);
    expect(message).toMatch(/rtoSecond/);
    expect((err as IngestRefusal).reason).toBe("invalid-content");
  });
});

describe("backup tools", () => {
  it("restic backup --json: a summary with errors finished but warns", async () => {
    const r = await parseResticMessages(messages("restic-backup.jsonl"));
    expect(r.summary).toMatchObject({
      operation: "backup",
      filesNew: 12,
      errors: 1,
      snapshotId: expect.stringMatching(/^8a1e5b3c/),
    });
    expect(r.outcome).toBe("WARN");
    expect(r.effectiveAt?.toISOString()).toBe("2026-03-01T02:00:02.921Z");
  });

  it("restic backup without a summary did not finish: fail", async () => {
    const r = await parseResticMessages(messages("restic-backup-unfinished.jsonl"));
    expect([r.outcome, r.outcomeReason]).toEqual([
      "FAIL",
      "The backup did not finish (no summary message) and reported 1 error(s).",
    ]);
  });

  it("restic restore --json: a clean summary passes", async () => {
    const r = await parseResticMessages(messages("restic-restore.jsonl"));
    expect(r.summary).toMatchObject({ operation: "restore", filesRestored: 411 });
    expect(r.outcome).toBe("PASS");
  });

  it("restic snapshots --json: count and newest snapshot", () => {
    const r = parseResticSnapshots(readJson(fixtureFile("restic-snapshots.json")) as JsonValue);
    expect(r.summary).toMatchObject({
      operation: "snapshots",
      snapshots: 2,
      hosts: ["db-1"],
      newest: "2026-03-01T02:00:02.900Z",
    });
    expect(r.outcome).toBe("PASS");
  });

  it("pgBackRest info: ok stanzas pass, 'no valid backups' fails", () => {
    const ok = parsePgBackRest(readJson(fixtureFile("pgbackrest-info.json")) as JsonValue);
    expect(ok.outcome).toBe("PASS");
    expect(ok.effectiveAt?.toISOString()).toBe(new Date(1772330467 * 1000).toISOString());
    expect((ok.summary as { stanzas: unknown[] }).stanzas[0]).toMatchObject({
      name: "study",
      statusCode: 0,
      backups: 1,
      latest: { label: "20260301-020001F", type: "full", error: false },
    });
    const none = parsePgBackRest(readJson(fixtureFile("pgbackrest-no-backup.json")) as JsonValue);
    expect(none.outcome).toBe("FAIL");
    expect(none.outcomeReason).toMatch(/reports \(no valid backups\)/);
  });
});
