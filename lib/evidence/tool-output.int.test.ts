import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { disconnectBulkDb } from "@/lib/evidence/bulk-db";
import { hasBlob } from "@/lib/core/storage/blob-store";
import { makeToken, push, rowCounts } from "@/lib/evidence/testing/helpers";
import { pushDrill } from "@/lib/evidence/push-drill";
import { fixtureFile } from "@/lib/ingest/testing/corpus";
import { refusal } from "@/lib/ingest/testing/refusals";
import { makeProject } from "@/tests/factories";
import { createHash } from "node:crypto";
import { POST as drillRoute } from "@/app/api/v1/projects/[slug]/drills/route";
import { call } from "@/tests/api";

// Audit logs and backup tools' output stored for real: events COPY-loaded into AuditEvent, refusals
// leaving no rows and no stored original, and a drill of several files recorded as one exercise.

afterAll(disconnectBulkDb);

const fixture = (name: string) => readFileSync(fixtureFile(name));
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("audit logs from auditd, pgaudit and CloudTrail", () => {
  it("loads each file's events into the audit-event table, with exact counts and the original kept", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const cases: Array<[string, string, number]> = [
      ["auditlogs/auditd-raw.log", "auditd", 6],
      ["auditlogs/auditd-enriched.log", "auditd", 3],
      ["auditlogs/postgres-pgaudit.csv", "pgaudit", 2],
      ["auditlogs/postgres-pgaudit-multiline.log", "pgaudit", 2],
      ["auditlogs/cloudtrail-file.json.gz", "cloudtrail", 4],
    ];
    for (const [file, format, events] of cases) {
      const bytes = fixture(file);
      const r = await push(ctx, project.slug, bytes);
      expect([
        file,
        r.status,
        r.kind,
        r.format,
        r.formatDetected,
        r.outcome,
        (r.summary as { events: number }).events,
      ]).toEqual([file, "created", "AUDIT_LOG", format, true, "PASS", events]);
      expect(await prisma.auditEvent.count({ where: { evidenceId: r.id } })).toBe(events);
      expect([r.sha256, r.byteSize]).toEqual([sha(bytes), bytes.length]); // a gzip body is kept as sent
    }
    const trail = await prisma.auditEvent.findMany({
      where: { projectId: project.id, action: { in: ["DeleteTrail", "StopLogging"] } },
      orderBy: { lineNo: "asc" },
      select: { lineNo: true, actor: true, outcome: true },
    });
    expect(trail).toEqual([
      { lineNo: 3, actor: "arn:aws:iam::123456789012:user/mallory", outcome: "failure:accessdenied" },
      { lineNo: 4, actor: "arn:aws:iam::123456789012:user/mallory", outcome: "failure:accessdenied" },
    ]);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 5, events: 17 });
  });

  it("refuses a malformed or cut-off file of each kind with its reason: no rows, no stored original", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const cases: Array<[string, string]> = [
      ["auditlogs/auditd-malformed.log", "invalid-content"],
      ["auditlogs/postgres-pgaudit-truncated.csv", "truncated"],
      ["auditlogs/postgres-pgaudit-malformed.log", "invalid-content"],
      ["auditlogs/cloudtrail-truncated.json", "truncated"],
      ["auditlogs/cloudtrail-truncated.json.gz", "truncated"],
      ["auditlogs/cloudtrail-digest.json", "unsupported-format"],
    ];
    for (const [file, reason] of cases) {
      const bytes = fixture(file);
      expect([file, (await refusal(push(ctx, project.slug, bytes))).reason]).toEqual([file, reason]);
      expect([file, await hasBlob(sha(bytes))]).toEqual([file, false]);
    }
    expect(await rowCounts(project.id)).toEqual({ evidence: 0, filed: 0, events: 0, exercises: 0, activity: 0 });
  });
});

describe("backup tools' output", () => {
  it("stores a failed pgBackRest restore and a corrupted restic check as FAIL, a restic forget as retention evidence", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const restore = await push(ctx, project.slug, fixture("backups/pgbackrest-restore-failed.log"));
    expect(restore).toMatchObject({
      kind: "RESTORE_DRILL",
      format: "pgbackrest-log",
      outcome: "FAIL",
      summary: { errorCode: "038" },
    });
    const check = await push(ctx, project.slug, fixture("backups/restic-check-corrupted.txt"));
    expect(check).toMatchObject({ kind: "BACKUP", format: "restic-check", outcome: "FAIL" });
    const forget = await push(ctx, project.slug, fixture("backups/restic-forget.json"));
    expect(forget).toMatchObject({
      kind: "BACKUP",
      format: "restic-forget",
      outcome: "PASS",
      summary: { kept: 2, removed: 1 },
    });
  });

  it("records several files as one drill: each file stored, the drill judged from them, the runbook exercised", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const runbook = await prisma.runbook.create({
      data: {
        projectId: project.id,
        key: "restore-ledger",
        title: "Restore the ledger database",
        rtoTargetSeconds: 3600,
      },
    });
    const files = ["pgbackrest-backup.log", "pgbackrest-restore.log", "postgres-recovery.log", "verify-counts.txt"].map(
      (f) => ({ filename: f, bytes: fixture(`backups/${f}`) }),
    );
    const now = new Date("2026-03-02T10:00:00Z");
    const r = await pushDrill({
      ctx,
      projectSlug: project.slug,
      query: { name: "ledger-q1", runbook: "restore-ledger" },
      files,
      now,
    });
    expect(r.files.map((f) => [f.filename, f.result.format, f.result.outcome])).toEqual([
      ["pgbackrest-backup.log", "pgbackrest-log", "PASS"],
      ["pgbackrest-restore.log", "pgbackrest-log", "PASS"],
      ["postgres-recovery.log", "postgres-recovery", "PASS"],
      ["verify-counts.txt", "manual", "PASS"],
    ]);
    // 09:00:04.201 (restore begins) to 09:05:21.322 (the copy accepts connections).
    expect(r.drill).toMatchObject({
      status: "created",
      kind: "RESTORE_DRILL",
      format: "drill",
      outcome: "PASS",
      summary: { rtoSeconds: 317, runbook: "restore-ledger", startedAt: "2026-03-02T09:00:04.201Z" },
    });
    const exercise = await prisma.runbookExercise.findFirstOrThrow({ where: { runbookId: runbook.id } });
    expect([exercise.outcome, exercise.measuredRtoSeconds, exercise.evidenceId]).toEqual(["PASS", 317, r.drill.id]);
    expect((r.drill.summary as { log: string }).log).toContain(
      `verify-counts.txt (sha256 ${sha(files[3].bytes)}): kept as a file`,
    );

    const failed = await pushDrill({
      ctx,
      projectSlug: project.slug,
      query: { name: "ledger-q1-retry", runbook: "restore-ledger" },
      files: [{ filename: "restore.log", bytes: fixture("backups/pgbackrest-restore-failed.log") }],
      now,
    });
    expect(failed.drill).toMatchObject({ outcome: "FAIL" });
    expect((failed.drill.summary as { outcomeReason: string }).outcomeReason).toBe("The drill reported failure.");
  });

  it("refuses the whole drill, naming the file, when one file is refused: nothing stored", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const files = [
      { filename: "restore.log", bytes: fixture("backups/pgbackrest-restore.log") },
      { filename: "check.txt", bytes: fixture("backups/restic-check-truncated.txt") },
    ];
    const err = await refusal(
      pushDrill({ ctx, projectSlug: project.slug, query: { name: "bad" }, files, now: new Date() }),
    );
    expect([err.reason, err.message]).toEqual([
      "truncated",
      expect.stringMatching(/^check\.txt: The `restic check` output ends before/),
    ]);
    expect(await rowCounts(project.id)).toEqual({ evidence: 0, filed: 0, events: 0, exercises: 0, activity: 0 });
  });

  it("through the route: multipart file parts in, 201 with the drill and its files; text parts and other types refused", async () => {
    const project = await makeProject();
    const { secret } = await makeToken(project.id);
    const form = new FormData();
    form.append("restore", new Blob([new Uint8Array(fixture("backups/pgbackrest-restore.log"))]), "restore.log");
    form.append("recovery", new Blob([new Uint8Array(fixture("backups/postgres-recovery.log"))]), "postgresql.log");
    const encoded = new Response(form);
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const type = encoded.headers.get("content-type")!;
    const path = "/api/v1/projects/x/drills?name=ledger-route";
    const post = () =>
      call(drillRoute, {
        method: "POST",
        path,
        params: { slug: project.slug },
        bearer: secret,
        rawBody: bytes,
        headers: { "content-type": type },
      });
    const ok = await post();
    expect([
      ok.status,
      ok.body.drill.format,
      ok.body.drill.outcome,
      ok.body.drill.summary.rtoSeconds,
      ok.body.files.map((f: { filename: string }) => f.filename),
    ]).toEqual([201, "drill", "PASS", 317, ["restore.log", "postgresql.log"]]);
    const again = await post();
    expect([again.status, again.body.drill.id]).toEqual([200, ok.body.drill.id]);

    const text = new FormData();
    text.append("note", "hello");
    const textEncoded = new Response(text);
    const refused = await call(drillRoute, {
      method: "POST",
      path,
      params: { slug: project.slug },
      bearer: secret,
      rawBody: new Uint8Array(await textEncoded.arrayBuffer()),
      headers: { "content-type": textEncoded.headers.get("content-type")! },
    });
    expect(refused.status).toBe(400);
    const json = await call(drillRoute, {
      method: "POST",
      path,
      params: { slug: project.slug },
      bearer: secret,
      body: {},
    });
    expect(json.status).toBe(415);
  });
});
